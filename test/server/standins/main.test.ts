import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { waitFor } from '../../helpers/test-server.js';

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
  const { port } = probe.address() as AddressInfo;
  await new Promise((r) => probe.close(r));
  return port;
}

describe('npm run standins', () => {
  it('runs the demo stand-ins on their own, so an upstream can be stopped and restarted by hand', async () => {
    const port = await freePort();
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'radiator-standins-')), 'demo.json');
    writeFileSync(file, JSON.stringify({ demo: { standIns: [{ kind: 'http', port }] }, boards: { ops: { title: 'Ops', columns: 1, rows: 1, tiles: [{ id: 'c', widget: 'clock', x: 0, y: 0 }] } } }));
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/standins/main.ts', '--config', file, 'http'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    try {
      await waitFor(() => (output.includes('stand-ins running') ? true : undefined), 'the stand-ins to start', 15_000);
      const response = await fetch(`http://127.0.0.1:${port}/checkout`);
      expect(response.status).toBeLessThan(500);
      const exited = new Promise<number | null>((r) => child.once('exit', r));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      await expect(fetch(`http://127.0.0.1:${port}/checkout`)).rejects.toThrow();
    } finally {
      child.kill('SIGKILL');
    }
  });
});
