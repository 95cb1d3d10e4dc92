import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { Logger } from '../../../src/server/logger.js';
import type { Check, MonitoringReading } from '../../../src/server/readings/monitoring.js';
import { MIGRATIONS, migrate } from '../../../src/server/store/sqlite-schema.js';
import { DATABASE_FILE, SqliteStore } from '../../../src/server/store/sqlite-store.js';
import { monitoringCheck, monitoringReading } from '../../helpers/monitoring-fixtures.js';

const quiet: Logger = { info: () => {}, warn: () => {}, error: () => {} };
const T0 = Date.UTC(2026, 10, 25, 12, 0, 0);
const DAY = 86_400_000;
const SPECS = { nagios: { intervalMs: 15_000, historyMs: 3_600_000 } };

const disk = (at: number, state: Check['state']): MonitoringReading => monitoringReading(at, [monitoringCheck('db1', 'disk', state, { lastCheck: at })]);

describe('state changes in the SQLite store', () => {
  const dirs: string[] = [];
  const newDir = () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'radiator-state-changes-'));
    dirs.push(dir);
    return dir;
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  const rows = (dir: string) => {
    const db = new Database(path.join(dir, DATABASE_FILE), { readonly: true });
    try {
      return db.prepare<[], { to_state: string; at: number }>('SELECT to_state, at FROM state_changes ORDER BY at').all();
    } finally {
      db.close();
    }
  };

  it('writes them with the poll that brought them, and retention deletes the rows older than its window in small chunks', async () => {
    const dir = newDir();
    let clock = T0;
    const store = new SqliteStore({ dataDir: dir, sources: SPECS, now: () => clock, logger: quiet, stateChangeRetentionMs: 10 * DAY });
    await store.restore();
    // more changes than one delete chunk (1,000), so retention takes several steps
    for (let i = 0; i <= 2_500; i++) store.recordSuccess('nagios', disk(T0 + i * 60_000, i % 2 ? 'critical' : 'ok'));
    store.recordSuccess('nagios', disk(T0 + 12 * DAY, 'warning'));
    await store.flush();
    expect(rows(dir)).toHaveLength(2_501);

    clock = T0 + 12 * DAY;
    await store.expireHistory();
    expect(rows(dir)).toEqual([{ to_state: 'warning', at: T0 + 12 * DAY }]);
    await store.close();
  });

  it('migrates a database of the first schema, keeping what it holds', async () => {
    const dir = newDir();
    const first = new SqliteStore({ dataDir: dir, sources: SPECS, now: () => T0, logger: quiet });
    await first.restore();
    await first.close();
    const db = new Database(path.join(dir, DATABASE_FILE));
    db.exec('DROP TABLE state_changes; DROP TABLE state_change_sources');
    db.pragma('user_version = 1');
    db.exec(`INSERT INTO sources (name) VALUES ('nagios')`);
    db.prepare('INSERT INTO readings (source_id, at, body) VALUES (1, ?, ?)').run(T0, JSON.stringify(disk(T0, 'ok')));
    expect(migrate(db)).toEqual({ from: 1, to: MIGRATIONS.length });
    db.close();

    const store = new SqliteStore({ dataDir: dir, sources: SPECS, now: () => T0 + 60_000, logger: quiet });
    await store.restore();
    // the reading kept from before state changes were tracked is what the next one is compared with
    store.recordSuccess('nagios', disk(T0 + 60_000, 'critical'));
    expect(store.stateChanges('nagios', 0)).toEqual({
      knownSince: T0,
      changes: [{ source: 'nagios', host: 'db1', service: 'disk', from: 'ok', to: 'critical', at: T0 + 60_000 }],
    });
    await store.close();
  });
});
