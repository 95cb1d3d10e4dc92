import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src/server/config/config-error.js';
import { loadConfigFile, parseConfig, validateConfig } from '../../../src/server/config/load-config.js';
import { builtInKinds } from '../../../src/server/built-in-kinds.js';
import { configProblems } from '../../helpers/config-problems.js';

const source = { type: 'http', schedule: '*/5 * * * * *', targets: [{ url: 'http://127.0.0.1:1/' }] };
const tile = { id: 'lat', widget: 'latency', source: 'web', x: 0, y: 0, w: 1, h: 1 };
const base = () => ({
  sources: { web: structuredClone(source) } as Record<string, unknown>,
  boards: { ops: { title: 'Ops', columns: 2, rows: 2, tiles: [structuredClone(tile)] as Record<string, unknown>[] } },
  playlists: {} as Record<string, unknown>,
});

describe('config validation', () => {
  it('accepts a minimal config and fills defaults', () => {
    const config = validateConfig(base(), 'boards.json', builtInKinds);
    expect(config.sources.web!.timeoutMs).toBe(10_000);
    expect(config.sources.web!.historyHours).toBe(24);
    expect(config.boards.ops!.tiles[0]!.options).toMatchObject({ windowMinutes: 15 });
  });

  it('accepts the shipped demo config', () => {
    expect(() => loadConfigFile('config/boards.json', builtInKinds)).not.toThrow();
  });

  it('names line and column of a JSON syntax error', () => {
    const text = '{\n  "boards": {\n    "ops": { "title": "x" \n  }\n}';
    expect(() => parseConfig(text, 'config/boards.json', builtInKinds)).toThrow(/config\/boards\.json[\s\S]*\$: not valid JSON at line \d+, column \d+/);
  });

  it('reports a missing file with how to pass another', () => {
    expect(() => loadConfigFile('/nonexistent/boards.json', builtInKinds)).toThrow(/\/nonexistent\/boards\.json[\s\S]*file not found; pass another with --config/);
  });

  it('names the unknown source type and the known ones', () => {
    const raw = base();
    raw.sources.web = { ...source, type: 'zabbix' };
    expect(configProblems(raw)).toEqual([{ path: '$.sources.web.type', message: expect.stringMatching(/unknown source type "zabbix"; expected one of: .*http/) }]);
  });

  it('names the unknown widget and the known ones', () => {
    const raw = base();
    raw.boards.ops.tiles[0]!.widget = 'pie';
    expect(configProblems(raw)).toEqual([{ path: '$.boards.ops.tiles[0].widget', message: expect.stringMatching(/^unknown widget "pie"; expected one of: .*latency/) }]);
  });

  it('rejects a tile pointing at a missing source', () => {
    const raw = base();
    raw.boards.ops.tiles[0]!.source = 'nope';
    expect(configProblems(raw)).toEqual([{ path: '$.boards.ops.tiles[0].source', message: expect.stringContaining('no source "nope" under "sources" (defined sources: web)') }]);
  });

  it('rejects a tile without the source its widget needs, and a clock with one', () => {
    const raw = base();
    delete raw.boards.ops.tiles[0]!.source;
    raw.boards.ops.tiles.push({ id: 'clock', widget: 'clock', source: 'web', x: 1, y: 0 });
    const found = configProblems(raw);
    expect(found).toContainEqual({ path: '$.boards.ops.tiles[0]', message: expect.stringContaining('needs "source"') });
    expect(found).toContainEqual({ path: '$.boards.ops.tiles[1].source', message: expect.stringContaining('reads no source; remove "source"') });
  });

  it('rejects overlapping tiles, naming both', () => {
    const raw = base();
    raw.boards.ops.tiles.push({ ...tile, id: 'second', x: 0, y: 0, w: 2 });
    expect(configProblems(raw)).toEqual([{ path: '$.boards.ops.tiles[1]', message: expect.stringContaining('tile "second" overlaps tile "lat" at column 0, row 0') }]);
  });

  it('rejects tiles outside the grid', () => {
    const raw = base();
    raw.boards.ops.tiles[0]!.x = 1;
    raw.boards.ops.tiles[0]!.w = 2;
    expect(configProblems(raw)).toEqual([{ path: '$.boards.ops.tiles[0]', message: expect.stringContaining('does not fit the 2×2 grid; expected x + w ≤ 2') }]);
  });

  it('rejects duplicate tile ids', () => {
    const raw = base();
    raw.boards.ops.tiles.push({ ...tile, x: 1 });
    expect(configProblems(raw)).toContainEqual({ path: '$.boards.ops.tiles[1].id', message: expect.stringContaining('used twice') });
  });

  it('wants a 6-field cron schedule with seconds', () => {
    const raw = base();
    raw.sources.web = { ...source, schedule: '*/5 * * * *' };
    expect(configProblems(raw)).toEqual([{ path: '$.sources.web.schedule', message: expect.stringContaining('expected a 6-field cron expression with seconds') }]);
    raw.sources.web = { ...source, schedule: '*/5 * * * * 99' };
    expect(configProblems(raw)[0]!.message).toMatch(/expected a valid cron expression: dayOfWeek/);
  });

  it('names unknown keys so typos are caught', () => {
    const raw = base();
    raw.sources.web = { ...source, timout: 5 };
    expect(configProblems(raw)).toEqual([{ path: '$.sources.web', message: expect.stringContaining('unknown key "timout"') }]);
  });

  it('says when a polled source lacks a schedule, or a pushed one has one', () => {
    const raw = base();
    delete (raw.sources.web as Record<string, unknown>).schedule;
    expect(configProblems(raw)).toEqual([
      { path: '$.sources.web.schedule', message: 'missing: http sources are polled and need a "schedule", a 6-field cron with seconds (e.g. "*/15 * * * * *")' },
    ]);
    raw.sources.web = { type: 'push', schedule: '*/5 * * * * *', timeoutMs: 1000, expectEvery: '5m' };
    raw.boards.ops.tiles = [];
    expect(configProblems(raw)).toEqual([
      {
        path: '$.sources.web',
        message: 'push sources are pushed, not polled: remove "schedule", "timeoutMs" (their data arrives when it is sent; "expectEvery" says how often it should)',
      },
    ]);
    raw.sources.web = { type: 'push', schedule: '*/5 * * * * *', tokens: 1 };
    expect(configProblems(raw)[0]!.message).toMatch(/remove "schedule" .*; unknown key "tokens" too$/);
    raw.sources.web = { ...source, expectEvery: '5m' };
    expect(configProblems(raw)).toEqual([
      { path: '$.sources.web', message: 'http sources are polled on their "schedule", which also says how often fresh data is due: remove "expectEvery"' },
    ]);
  });

  it('accepts a pushed source with or without expectEvery, which must be a duration', () => {
    const raw = base();
    raw.sources.ci = { type: 'push', expectEvery: '10m' };
    raw.sources.batch = { type: 'push' };
    const config = validateConfig(raw, 'boards.json', builtInKinds);
    expect(config.sources.ci).toEqual({ type: 'push', expectEvery: '10m', historyHours: 24 });
    expect(config.sources.batch).toEqual({ type: 'push', historyHours: 24 });
    raw.sources.ci = { type: 'push', expectEvery: 'often' };
    expect(configProblems(raw)).toEqual([{ path: '$.sources.ci.expectEvery', message: expect.stringContaining('expected a duration such as "30s"') }]);
  });

  it('takes the kinds it knows from the caller, not from the adapters it could import', () => {
    const onlyHttp = { ...builtInKinds, sources: builtInKinds.sources.filter((k) => k.kind === 'http'), standIns: [{ kind: 'pretend' }] };
    const raw = { ...base(), demo: { standIns: [{ kind: 'pretend', port: 18999 }] } };
    expect(validateConfig(raw, 'boards.json', onlyHttp).demo?.standIns).toEqual([{ kind: 'pretend', port: 18999 }]);
    raw.sources.web = { type: 'munin', schedule: '* * * * * *', nodes: ['web1'] };
    expect(() => validateConfig(raw, 'boards.json', onlyHttp)).toThrow(/unknown source type "munin"; expected one of: http$/m);
  });

  it('checks source options with the kind\'s own schema', () => {
    const raw = base();
    raw.sources.web = { ...source, targets: [{ url: 'ftp://example.test/' }] };
    expect(configProblems(raw)[0]!.path).toBe('$.sources.web.targets[0].url');
    raw.sources.web = { ...source, targets: [] };
    expect(configProblems(raw)[0]!.path).toBe('$.sources.web.targets');
  });

  it('checks widget options with the widget\'s own schema', () => {
    const raw = base();
    raw.boards.ops.tiles[0]!.options = { windowMinutes: -1 };
    expect(configProblems(raw)[0]!.path).toBe('$.boards.ops.tiles[0].options.windowMinutes');
    raw.boards.ops.tiles[0] = { id: 'c', widget: 'clock', x: 0, y: 0, options: { timeZone: 'Mars/Olympus' } };
    expect(configProblems(raw)[0]).toEqual({ path: '$.boards.ops.tiles[0].options.timeZone', message: expect.stringContaining('IANA time zone') });
  });

  it('reports missing required fields as missing', () => {
    const raw = base() as Record<string, unknown>;
    delete raw.boards;
    expect(configProblems(raw)).toEqual([{ path: '$.boards', message: 'missing; expected record' }]);
  });

  it('says a missing source type or widget is missing, naming the choices', () => {
    const raw = base();
    delete (raw.sources.web as Record<string, unknown>).type;
    delete raw.boards.ops.tiles[0]!.widget;
    expect(configProblems(raw)).toEqual([
      { path: '$.sources.web.type', message: expect.stringMatching(/^missing; expected a source type, one of: .*munin/) },
      { path: '$.boards.ops.tiles[0].widget', message: expect.stringMatching(/^missing; expected a widget, one of: .*clock/) },
    ]);
  });

  it('says what an id may look like, and what a wrongly typed value was', () => {
    const raw = base() as Record<string, unknown> & { boards: Record<string, unknown> };
    raw.boards['ops board'] = raw.boards.ops;
    delete raw.boards.ops;
    expect(configProblems(raw)).toEqual([{ path: '$.boards["ops board"]', message: expect.stringMatching(/^invalid id "ops board": an id of letters, digits/) }]);
    const typed = base();
    (typed.boards.ops as Record<string, unknown>).columns = '2';
    expect(configProblems(typed)).toEqual([{ path: '$.boards.ops.columns', message: 'expected number, received string (got "2")' }]);
  });

  it('checks playlists: known boards and a readable duration', () => {
    const raw = base();
    raw.playlists.wall = { boards: ['ops', 'nope'], every: 'soon' };
    const found = configProblems(raw);
    expect(found).toContainEqual({ path: '$.playlists.wall.every', message: expect.stringContaining('expected a duration such as "30s"') });
    raw.playlists.wall = { boards: ['ops', 'nope'], every: '30s' };
    expect(configProblems(raw)).toEqual([{ path: '$.playlists.wall.boards[1]', message: 'no board "nope" under "boards" (defined boards: ops)' }]);
  });

  it('reports every problem at once, with the file name in the message', () => {
    const raw = base();
    raw.boards.ops.tiles.push({ ...tile, id: 'far', x: 5 }, { ...tile, id: 'lost', x: 1, source: 'gone' });
    try {
      validateConfig(raw, 'config/boards.json', builtInKinds);
      throw new Error('accepted');
    } catch (err) {
      const message = (err as Error).message;
      expect(message).toMatch(/^Invalid configuration in config\/boards\.json \(2 problems\):/);
      expect(message).toContain('$.boards.ops.tiles[1]');
      expect(message).toContain('$.boards.ops.tiles[2].source');
    }
  });
});

describe('config file text', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'radiator-config-'));
  const text = JSON.stringify(base(), null, 2);

  it('accepts a file that starts with a UTF-8 byte order mark (as Windows editors save it)', () => {
    const file = path.join(dir, 'bom.json');
    writeFileSync(file, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]));
    expect(loadConfigFile(file, builtInKinds).boards.ops!.title).toBe('Ops');
  });

  it('refuses duplicate keys, naming the JSON path, both lines and the fix', () => {
    // a board pasted twice under one id: JSON.parse would keep the second and drop the first silently
    const twice = [
      '{',
      '  "sources": { "web": ' + JSON.stringify(source) + ' },',
      '  "boards": {',
      '    "ops": { "title": "Ops", "columns": 2, "rows": 2, "tiles": [' + JSON.stringify(tile) + '] },',
      '    "ops": { "title": "Ops 2", "columns": 2, "rows": 2, "tiles": [{ "id": "lat", "widget": "latency", "source": "web", "x": 0, "x": 1, "y": 0 }] }',
      '  }',
      '}',
    ].join('\n');
    expect(() => JSON.parse(twice)).not.toThrow();
    let error: ConfigError | undefined;
    try {
      parseConfig(twice, 'boards.json', builtInKinds);
    } catch (err) {
      error = err as ConfigError;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect(error!.problems).toEqual([
      { path: '$.boards.ops', message: 'duplicate key "ops" (lines 4 and 5): JSON keeps only the last one, so the first would be ignored; merge the two into one, or rename one of them' },
      { path: '$.boards.ops.tiles[0].x', message: expect.stringMatching(/^duplicate key "x" \(lines 5 and 5\)/) },
    ]);
    expect(error!.message).toMatch(/^Invalid configuration in boards\.json \(2 problems\):\n {2}\$\.boards\.ops: duplicate key "ops"/);
  });

  it('allows the same key in different objects', () => {
    const raw = base();
    raw.boards.ops.tiles.push({ ...tile, id: 'second', x: 1 });
    expect(() => parseConfig(JSON.stringify(raw), 'boards.json', builtInKinds)).not.toThrow();
  });
});

describe('published JSON Schema', () => {
  it('is up to date with the zod schema (npm run schema rewrites it)', async () => {
    const { configJsonSchema } = await import('../../../src/server/config/json-schema.js');
    const published = JSON.parse(readFileSync('config/boards.schema.json', 'utf8'));
    expect(published).toEqual(JSON.parse(JSON.stringify(configJsonSchema(builtInKinds))));
  });
});
