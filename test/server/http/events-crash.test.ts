import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { Agent, request } from 'node:http';
import Database from 'better-sqlite3';
import { build } from 'esbuild';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { seededRandom } from '../../helpers/seeded-random.js';
import { CRASH_SOURCE, CRASH_TOKEN } from './events-crash-source.js';

/**
 * "SIGKILL right after a 202 loses nothing" (issue 11), 50 times: the whole server process (as
 * `npm start` runs it, SQLite in a data directory) takes concurrent POSTs of event batches and is
 * SIGKILLed the moment one of them is answered 202, with others still in flight. After each restart
 * every event that was answered 202 is there (read back over GET /api/v1/events), each once, and a
 * request that was in flight is there whole or not at all; its sender retries it with the same ids
 * and it is counted once.
 */

const SERVER_SOURCE = fileURLToPath(new URL('./events-crash-server.ts', import.meta.url));
// two levels below the repository, as src/server is: the server reads ../../package.json for its version
const BUNDLE_DIR = fileURLToPath(new URL('../../../node_modules/.radiator-tests/', import.meta.url));
const SERVER = path.join(BUNDLE_DIR, `events-crash-server-${process.pid}.cjs`);
const CODE_CACHE = `${SERVER}.v8cache`;
/**
 * Starts the bundled server through V8's code cache: a server start is mostly compiling its
 * dependencies, and 50 starts would spend most of the test doing that again and again. A start
 * that finds no cache writes one once the script has run up to its first wait, so the cache holds
 * the functions that creating the server compiled.
 */
const LAUNCHER = `
const { existsSync, readFileSync, renameSync, writeFileSync } = require('node:fs');
const Module = require('node:module');
const path = require('node:path');
const vm = require('node:vm');
const [file, cache] = [process.argv[1], process.argv[3]];
const cachedData = existsSync(cache) ? readFileSync(cache) : undefined;
const wrapped = '(function (exports, require, module, __filename, __dirname) {' + readFileSync(file, 'utf8') + '\\n})';
const script = new vm.Script(wrapped, { filename: file, cachedData });
const module_ = { exports: {} };
script.runInThisContext().call(module_.exports, module_.exports, Module.createRequire(file), module_, file, path.dirname(file));
if (!cachedData) {
  writeFileSync(cache + '.' + process.pid, script.createCachedData());
  renameSync(cache + '.' + process.pid, cache); // whole or not at all for the starts side by side
}
`;

const KILLS = 50;
/** Independent servers killed side by side, each with its own data directory. */
const LANES = 2;
/** Senders posting at once to each server. */
const SENDERS = 4;
const dir = mkdtempSync(path.join(tmpdir(), 'radiator-events-crash-'));

beforeAll(async () => {
  mkdirSync(BUNDLE_DIR, { recursive: true });
  await build({
    entryPoints: [SERVER_SOURCE],
    outfile: SERVER,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    mainFields: ['module', 'main'],
    external: ['better-sqlite3'], // a native addon: loaded from node_modules as the server loads it
    define: { 'import.meta.url': '__bundleUrl' },
    banner: { js: "const __bundleUrl = require('node:url').pathToFileURL(__filename).href;" },
    logLevel: 'error',
  });
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(SERVER, { force: true });
  rmSync(CODE_CACHE, { force: true });
});

interface RunningServer {
  child: ChildProcess;
  port: number;
  exited: Promise<NodeJS.Signals | null>;
  output: () => string;
}

function startServer(dataDir: string): Promise<RunningServer> {
  const child = spawn(process.execPath, ['-e', LAUNCHER, SERVER, dataDir, CODE_CACHE], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const port = /^listening (\d+)$/.exec(line)?.[1];
      if (port) resolve({ child, port: Number(port), exited, output: () => output });
      else output += `${line}\n`;
    });
    void exited.then((signal) => reject(new Error(`the server exited (${signal}) before listening:\n${output}`)));
  });
}

interface Post {
  keys: string[];
  status: number | null;
}

/** One POST of `keys` as metric events; resolves with its status (null: no answer, the server died). */
function post(port: number, agent: Agent, keys: string[], onStatus: (status: number) => void): Promise<Post> {
  const body = JSON.stringify(keys.map((id, i) => ({ kind: 'metric', id, series: `crash/${id.split('-')[0]}`, value: i })));
  return new Promise((resolve) => {
    const req = request(
      { host: '127.0.0.1', port, path: '/api/v1/events', method: 'POST', agent, headers: { authorization: `Bearer ${CRASH_TOKEN}`, 'content-type': 'application/json' } },
      (res) => {
        onStatus(res.statusCode ?? 0); // may SIGKILL the server before anything else of this answer is read
        res.resume();
        res.on('end', () => resolve({ keys, status: res.statusCode ?? 0 }));
        res.on('error', () => resolve({ keys, status: res.statusCode ?? 0 }));
      },
    );
    req.on('error', () => resolve({ keys, status: null }));
    req.end(body);
  });
}

interface EventsPage {
  events: { id: number; key: string | null }[];
  next: string | null;
}

/** Every event after `afterId`, page by page over the API. */
async function eventsAfter(port: number, afterId: number): Promise<{ id: number; key: string | null }[]> {
  const events: EventsPage['events'] = [];
  let next: string | null = `/api/v1/events?source=${CRASH_SOURCE}&after=${afterId}&limit=1000`;
  while (next) {
    const res = await fetch(`http://127.0.0.1:${port}${next}`, { headers: { authorization: `Bearer ${CRASH_TOKEN}` } });
    expect(res.status).toBe(200);
    const page = (await res.json()) as EventsPage;
    events.push(...page.events);
    next = page.next;
  }
  return events;
}

/** One server's data directory, killed `kills` times. */
async function lane(name: string, kills: number, next: () => number): Promise<number> {
  const dataDir = path.join(dir, name);
  const stored = new Set<string>(); // keys read back so far
  let lastId = 0;
  let acknowledged: string[] = []; // answered 202 before the last kill
  let inFlight: string[][] = []; // sent, with no 202 seen before the last kill
  let requestNo = 0;
  let killed = 0;
  for (let round = 0; round <= kills; round++) {
    const server = await startServer(dataDir);
    try {
      // what the last process answered 202 is all there after the restart, and nothing twice
      const found = await eventsAfter(server.port, lastId);
      for (const event of found) {
        expect(event.key, `${name}: an event without its key`).not.toBeNull();
        expect(stored.has(event.key!), `${name}: ${event.key} stored twice`).toBe(false);
        stored.add(event.key!);
        lastId = event.id;
      }
      const lost = acknowledged.filter((key) => !stored.has(key));
      expect(lost, `${name}, restart ${round}: events answered 202 before the SIGKILL are missing`).toEqual([]);
      for (const keys of inFlight) {
        const kept = keys.filter((key) => stored.has(key)).length;
        expect([0, keys.length], `${name}, restart ${round}: a request in flight was kept in part (${kept} of ${keys.length})`).toContain(kept);
      }
      if (round === kills) break;

      // its senders retry what had no answer (same ids: counted once), then send new batches
      const retries = inFlight;
      const agent = new Agent({ keepAlive: true, maxSockets: SENDERS });
      const killAt = 1 + Math.floor(next() * 12); // the how-many-th 202 of this round the kill follows
      let accepted = 0;
      const posts: Promise<Post>[] = [];
      const onStatus = (status: number) => {
        if (status !== 202) return;
        if (++accepted === killAt) server.child.kill('SIGKILL');
      };
      const sender = async (): Promise<void> => {
        while (server.child.exitCode === null && server.child.signalCode === null) {
          const keys = retries.shift() ?? Array.from({ length: 1 + Math.floor(next() * 40) }, (_, i) => `${name}-${requestNo}-${i}`);
          requestNo++;
          const sent = post(server.port, agent, keys, onStatus);
          posts.push(sent);
          const { status } = await sent;
          if (status !== null && status !== 202) throw new Error(`${name}: POST answered ${status}\n${server.output()}`);
        }
      };
      await Promise.all(Array.from({ length: SENDERS }, sender));
      expect(await server.exited).toBe('SIGKILL');
      killed++;
      agent.destroy();
      const answers = await Promise.all(posts);
      acknowledged = answers.filter((p) => p.status === 202).flatMap((p) => p.keys);
      inFlight = answers.filter((p) => p.status !== 202).map((p) => p.keys);
    } finally {
      server.child.kill('SIGKILL');
      await server.exited;
    }
  }
  // the file the last SIGKILL left opens intact
  const db = new Database(path.join(dataDir, 'radiator.db'), { readonly: true });
  try {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.prepare('SELECT count(*) FROM events').pluck().get()).toBe(stored.size);
  } finally {
    db.close();
  }
  return killed;
}

it(`loses no event answered 202 when the server is SIGKILLed right after it, ${KILLS} times`, { timeout: 240_000 }, async () => {
  const perLane = Math.ceil(KILLS / LANES);
  const next = seededRandom(11);
  const kills = await Promise.all(Array.from({ length: LANES }, (_, i) => lane(`lane${i}`, Math.min(perLane, KILLS - i * perLane), next)));
  expect(kills.reduce((a, b) => a + b, 0)).toBe(KILLS);
});
