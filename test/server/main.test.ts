import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createServer, type AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';

const dir = mkdtempSync(path.join(tmpdir(), 'radiator-cli-'));

function run(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/server/main.ts', ...args], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
    timeout: 30_000,
  });
  return { code: result.status, stderr: result.stderr, stdout: result.stdout };
}

describe('radiator command line', () => {
  it('refuses to start on a broken config: exit 2, one readable message, no stack trace', () => {
    const file = path.join(dir, 'broken.json');
    writeFileSync(file, JSON.stringify({ boards: { ops: { title: 'Ops', columns: 2, rows: 1, tiles: [{ id: 'a', widget: 'latency', source: 'missing', x: 0, y: 0 }] } } }));
    const { code, stderr } = run(['--config', file, '--port', '0', '--data', dir]);
    expect(code).toBe(2);
    expect(stderr).toContain(`Invalid configuration in ${file}`);
    expect(stderr).toContain('$.boards.ops.tiles[0].source: no source "missing"');
    expect(stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
  });

  it('reads the config path from RADIATOR_CONFIG and reports malformed JSON with line and column', () => {
    const file = path.join(dir, 'malformed.json');
    writeFileSync(file, '{\n  "boards": {,\n}');
    const { code, stderr } = run(['--port', '0'], { RADIATOR_CONFIG: file });
    expect(code).toBe(2);
    expect(stderr).toMatch(new RegExp(`${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}[\\s\\S]*not valid JSON at line 2, column \\d+`));
  });

  it('refuses a config with a duplicate key, naming its JSON path; accepts one with a byte order mark', () => {
    const board = '{ "title": "Ops", "columns": 1, "rows": 1, "tiles": [{ "id": "c", "widget": "clock", "x": 0, "y": 0 }] }';
    const file = path.join(dir, 'duplicate.json');
    writeFileSync(file, `\uFEFF{ "boards": { "ops": ${board}, "ops": ${board} } }`);
    const { code, stderr } = run(['--config', file, '--port', '0', '--data', dir]);
    expect(code).toBe(2);
    expect(stderr).toContain(`Invalid configuration in ${file} (1 problem):\n  $.boards.ops: duplicate key "ops" (lines 1 and 1)`);
    expect(stderr).toContain('merge the two into one, or rename one of them');
    expect(stderr).not.toContain('\uFEFF');
  });

  it('says which demo stand-in port is taken and how to get around it', async () => {
    const holder = createServer();
    await new Promise<void>((r) => holder.listen(0, '127.0.0.1', r));
    const port = (holder.address() as AddressInfo).port;
    try {
      const file = path.join(dir, 'demo.json');
      writeFileSync(file, JSON.stringify({ demo: { standIns: [{ kind: 'http', port }] }, boards: { ops: { title: 'Ops', columns: 1, rows: 1, tiles: [{ id: 'c', widget: 'clock', x: 0, y: 0 }] } } }));
      const { code, stderr } = run(['--config', file, '--port', '0', '--data', dir]);
      expect(code).toBe(1);
      expect(stderr).toContain(`demo stand-in "http" cannot listen on 127.0.0.1:${port}: the port is in use`);
      expect(stderr).toContain('$.demo.standIns[0].port');
      expect(stderr).toContain('--no-standins');
      expect(stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
    } finally {
      holder.close();
    }
  });

  it('rejects a bad --port with usage', () => {
    const { code, stderr } = run(['--port', 'eighty']);
    expect(code).toBe(2);
    expect(stderr).toContain('--port: expected a port number');
    expect(stderr).toContain('usage: radiator');
  });
});
