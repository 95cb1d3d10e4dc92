import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MuninConnection } from '../../../src/server/sources/munin/protocol-client.js';
import { checkoutLatency, cpuRates, loadAverage } from '../../../src/server/standins/munin-demo-plugins.js';
import { muninStandIn } from '../../../src/server/standins/munin.js';
import type { RunningStandIn } from '../../../src/server/standins/stand-in.js';

let standIn: RunningStandIn;
beforeAll(async () => {
  standIn = await muninStandIn.start(0);
});
afterAll(() => standIn.stop());

/** Sends raw lines and collects everything until the stand-in closes the connection. */
async function rawSession(lines: string[]): Promise<string> {
  const socket = net.connect(standIn.port, '127.0.0.1');
  let received = '';
  socket.on('data', (c) => (received += c.toString()));
  await new Promise((r) => socket.once('connect', r));
  socket.write(lines.map((l) => `${l}\n`).join(''));
  await new Promise((r) => socket.once('close', r));
  return received;
}

describe('munin demo stand-in', () => {
  it('answers a pipelined session with munin-node 2.0 grammar', async () => {
    const text = await rawSession(['list', 'hello', 'fetch nosuch', 'nodes', 'version', 'quit']);
    expect(text.split('\n')).toEqual([
      '# munin node at shop-web1',
      'load cpu checkout_latency if_eth0', // one line, no "." terminator
      '# Unknown command. Try cap, list, nodes, config, fetch, version or quit',
      '# Unknown service',
      '.',
      'shop-web1',
      '.',
      'munins node on shop-web1 version: 2.0.73',
      '', // closed after quit
    ]);
  });

  it('serves configs with thresholds and fetches that a munin client can read', async () => {
    const c = await MuninConnection.open({ host: '127.0.0.1', port: standIn.port, connectTimeoutMs: 2000, readTimeoutMs: 2000, signal: AbortSignal.timeout(10_000) });
    const config = await c.config('checkout_latency');
    expect(config.ok && config.lines).toEqual(expect.arrayContaining(['graph_vlabel ms', 'p95.warning 400', 'p95.critical 800']));
    const fetched = await c.fetch('checkout_latency');
    expect(fetched.ok && fetched.lines.map((l) => l.split(' ')[0])).toEqual(['p50.value', 'p95.value', 'p99.value']);
    c.quit();
  });

  it('moves its values so that the checkout p95 crosses warning now and then, critical rarely', () => {
    const start = Date.UTC(2026, 10, 25, 9);
    const p95 = Array.from({ length: 720 }, (_, i) => checkoutLatency(start + i * 5000).p95); // one hour at 5 s
    const warning = p95.filter((v) => v > 400).length;
    const critical = p95.filter((v) => v > 800).length;
    expect(warning).toBeGreaterThan(20);
    expect(warning).toBeLessThan(360);
    expect(critical).toBeGreaterThan(0);
    expect(critical).toBeLessThan(warning);
    expect(Math.min(...p95)).toBeGreaterThan(0);
  });

  it('keeps load and CPU plausible', () => {
    const start = Date.UTC(2026, 10, 25, 9);
    for (let i = 0; i < 720; i++) {
      const t = start + i * 5000;
      expect(loadAverage(t)).toBeGreaterThanOrEqual(0);
      const cpu = cpuRates(t);
      expect(cpu.user + cpu.system + cpu.iowait + cpu.idle).toBeCloseTo(200, 6);
      expect(Math.min(...Object.values(cpu))).toBeGreaterThanOrEqual(0);
    }
  });
});
