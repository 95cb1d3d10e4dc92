import type { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { JenkinsJobsThread } from '../../../../src/server/sources/jenkins/jobs-thread.js';
import { siblingModule, startWorker } from '../../../../src/server/worker-thread.js';

const workerUrl = siblingModule(new URL('../../../../src/server/sources/jenkins/jobs-thread.ts', import.meta.url).href, 'jobs-worker');

/** A thread whose workers the test sees start and exit. */
function watchedThread() {
  const workers: { worker: Worker; exited: Promise<number> }[] = [];
  const thread = new JenkinsJobsThread(() => {
    const worker = startWorker(workerUrl, null);
    workers.push({ worker, exited: new Promise((resolve) => worker.once('exit', resolve)) });
    return worker;
  });
  return { thread, workers };
}

const leaf = (name: string, color: string) => ({ _class: 'hudson.model.FreeStyleProject', name, url: `http://ci/job/${name}/`, color, lastBuild: null });
const answer = (count: number) => JSON.stringify({ jobs: [{ _class: 'com.cloudbees.hudson.plugins.folder.Folder', name: 'team', jobs: Array.from({ length: count }, (_, i) => leaf(`job-${i}`, i % 2 ? 'red' : 'blue')) }] });
const request = { what: 'Jenkins ci/api/json', maxDepth: 4 };
const invalidJson = () => new Error('not JSON');

describe('the thread a Jenkins source reads its answers in', () => {
  it('reads every job of a big answer (sent in slices) and keeps one thread from poll to poll', async () => {
    const { thread, workers } = watchedThread();
    const jobs = await thread.jobs(answer(1_000), request, AbortSignal.timeout(10_000), invalidJson);
    expect(jobs).toHaveLength(1_000);
    expect(jobs[999]).toMatchObject({ key: 'team/job-999', status: 'failed' });
    expect(await thread.jobs(answer(3), { ...request, include: ['team/job-1'] }, AbortSignal.timeout(10_000), invalidJson)).toMatchObject([{ key: 'team/job-1' }]);
    expect(workers).toHaveLength(1);
    await thread.close();
    expect(await workers[0]!.exited).toBe(1);
  });

  it('keeps the wording of a broken answer: invalid JSON from the caller, a wrong shape by path, too deep', async () => {
    const { thread } = watchedThread();
    const signal = AbortSignal.timeout(10_000);
    await expect(thread.jobs('{"jobs": [', request, signal, invalidJson)).rejects.toThrow('not JSON');
    await expect(thread.jobs('{"jobs": [{"name": 7}]}', request, signal, invalidJson)).rejects.toThrow('Jenkins ci/api/json: jobs[0].name is a number (7), expected a string');
    await expect(thread.jobs(answer(2), { ...request, maxDepth: 1 }, signal, invalidJson)).rejects.toThrow('the job tree is deeper than maxDepth (1): "team"');
    await thread.close();
  });

  it('ends the thread of a poll aborted while its answer is read, and starts a new one for the next poll', async () => {
    const { thread, workers } = watchedThread();
    const abort = new AbortController();
    const reading = thread.jobs(answer(2_000), request, abort.signal, invalidJson);
    abort.abort(new Error('timed out after 5000 ms'));
    await expect(reading).rejects.toThrow('timed out after 5000 ms');
    await workers[0]!.exited;
    expect(await thread.jobs(answer(2), request, AbortSignal.timeout(10_000), invalidJson)).toHaveLength(2);
    expect(workers).toHaveLength(2);
    await thread.close();
  });

  it('does not start a thread for a poll aborted before its answer came', async () => {
    const { thread, workers } = watchedThread();
    await expect(thread.jobs(answer(2), request, AbortSignal.abort(new Error('server shutting down')), invalidJson)).rejects.toThrow('server shutting down');
    expect(workers).toHaveLength(0);
  });
});
