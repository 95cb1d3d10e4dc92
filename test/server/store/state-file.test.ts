import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpServiceStandIn } from '../../../src/server/standins/http-service.js';
import type { RunningStandIn } from '../../../src/server/standins/stand-in.js';
import { startTestServer, waitFor } from '../../helpers/test-server.js';
import { health, persistenceConfig, recordingLogger, refusedPort } from './persistence-contract.js';

/** What only the JSON state file has: temp files beside DATA/store.json, and a file to move aside. */
describe('the JSON state file on disk', () => {
  let standIn: RunningStandIn;
  let gonePort: number;
  const config = () => persistenceConfig(standIn.port, gonePort);
  const newDir = () => mkdtempSync(path.join(tmpdir(), 'radiator-state-file-'));

  beforeAll(async () => {
    standIn = await httpServiceStandIn.start(0);
    gonePort = await refusedPort();
  });
  afterAll(async () => {
    await standIn?.stop();
  });

  it('removes the temp files that killed saves left behind, and nothing else, at start', async () => {
    const dir = newDir();
    const leftovers = ['store.json.4711.1.tmp', 'store.json.4711.2.tmp', 'store.json.1.38.tmp'];
    for (const name of leftovers) writeFileSync(path.join(dir, name), 'x'.repeat(100_000));
    const others = ['store.json.bak', 'notes.tmp', 'store.json.tmp', 'store.json.12.tmp', 'other.json.4711.1.tmp'];
    for (const name of others) writeFileSync(path.join(dir, name), 'keep me');
    const logger = recordingLogger();
    const app = await startTestServer(config(), { dataDir: dir, logger });
    try {
      await waitFor(async () => (await health(app)).persistence.restore !== 'loading', 'the start-up restore');
      expect(readdirSync(dir).sort()).toEqual([...others].sort());
      expect(logger.lines).toContainEqual(`INFO removed 3 temp files (0.3 MB) left in ${dir} by saves that never finished`);
    } finally {
      await app.close();
    }
  });

  it('removes the temp file of a save that failed at once, so failing saves never fill the disk', async () => {
    const dir = newDir();
    const target = path.join(dir, 'store.json');
    mkdirSync(path.join(target, 'in-the-way'), { recursive: true }); // the rename at the end of each save fails
    const app = await startTestServer(config(), { dataDir: dir, persistEveryMs: 50 });
    try {
      await waitFor(async () => (await health(app)).persistence.consecutiveFailures >= 5, 'five failed saves');
      expect(readdirSync(dir)).toEqual(['store.json']);
      rmSync(target, { recursive: true });
      await waitFor(async () => (await health(app)).persistence.saving, 'a save that works');
      expect(readdirSync(dir)).toEqual(['store.json']);
      expect(JSON.parse(readFileSync(target, 'utf8'))).toMatchObject({ version: 1, sources: { shop: expect.any(Object) } });
    } finally {
      await app.close();
    }
  });

  it('moves a state file it cannot use aside to store.json.rejected before saving over it', async () => {
    const dir = newDir();
    const wrong = JSON.stringify({ version: 1, savedAt: 0, sources: { shop: { reading: null, history: {} } } });
    writeFileSync(path.join(dir, 'store.json'), wrong);
    const app = await startTestServer(config(), { dataDir: dir, persistEveryMs: 50 });
    try {
      const { persistence } = await waitFor(async () => {
        const body = await health(app);
        return body.persistence.lastSavedAt ? body : null;
      }, 'the first save after the failed restore');
      expect(persistence.restoreProblem).toBe(
        `${path.join(dir, 'store.json')}: not a valid Radiator state file: $.sources.shop.poll: expected object, received undefined; ` +
          `starting empty (the file was moved to ${path.join(dir, 'store.json.rejected')})`,
      );
      expect(readFileSync(path.join(dir, 'store.json.rejected'), 'utf8')).toBe(wrong);
      expect(JSON.parse(readFileSync(path.join(dir, 'store.json'), 'utf8'))).toMatchObject({ version: 1, sources: { shop: expect.any(Object) } });
    } finally {
      await app.close();
    }
  });
});
