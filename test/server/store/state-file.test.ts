import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpServiceStandIn } from '../../../src/server/standins/http-service.js';
import type { RunningStandIn } from '../../../src/server/standins/stand-in.js';
import { startTestServer, waitFor } from '../../helpers/test-server.js';
import { StateFile } from '../../../src/server/store/state-file.js';
import { health, persistenceConfig, refusedPort } from './persistence-contract.js';

/**
 * DATA/store.json of earlier versions: its writer's temp files, and a file that cannot be imported
 * moved aside. The server keeps state in SQLite now and reads store.json only to import it once.
 */
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
    const app = await startTestServer(config(), { dataDir: dir });
    try {
      await waitFor(async () => (await health(app)).persistence.restore !== 'loading', 'the start-up restore');
      expect(readdirSync(dir).filter((name) => !name.startsWith('radiator.db')).sort()).toEqual([...others].sort());
    } finally {
      await app.close();
    }
  });

  it('removes the temp file of a save that failed at once, so failing saves never fill the disk', async () => {
    const dir = newDir();
    const target = path.join(dir, 'store.json');
    mkdirSync(path.join(target, 'in-the-way'), { recursive: true }); // the rename at the end of each save fails
    const file = new StateFile(dir);
    const state = { version: 1 as const, savedAt: 0, sources: {} };
    for (let i = 0; i < 5; i++) await expect(file.write(state)).rejects.toThrow(/EISDIR|directory/i);
    expect(readdirSync(dir)).toEqual(['store.json']);
    rmSync(target, { recursive: true });
    await file.write(state);
    expect(readdirSync(dir)).toEqual(['store.json']);
    expect(JSON.parse(readFileSync(target, 'utf8'))).toEqual(state);
  });

  it('moves a state file it cannot import aside to store.json.rejected, names what is wrong, and keeps state in the database', async () => {
    const dir = newDir();
    const wrong = JSON.stringify({ version: 1, savedAt: 0, sources: { shop: { reading: null, history: {} } } });
    writeFileSync(path.join(dir, 'store.json'), wrong);
    const app = await startTestServer(config(), { dataDir: dir });
    try {
      const { persistence } = await waitFor(async () => {
        const body = await health(app);
        return body.persistence.lastSavedAt ? body : null;
      }, 'the first write after the failed restore');
      expect(persistence.restoreProblem).toBe(
        `${path.join(dir, 'store.json')}: not a valid Radiator state file: $.sources.shop.poll: expected object, received undefined; ` +
          `starting empty (the file was moved to ${path.join(dir, 'store.json.rejected')}); not imported into the database`,
      );
      expect(readFileSync(path.join(dir, 'store.json.rejected'), 'utf8')).toBe(wrong);
      expect(readdirSync(dir)).not.toContain('store.json');
      expect(persistence.file).toBe(path.join(dir, 'radiator.db'));
    } finally {
      await app.close();
    }
  });
});
