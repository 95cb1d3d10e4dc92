import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { MuninConnection, type ConnectOptions } from '../../../../src/server/sources/munin/protocol-client.js';
import { closedPort } from './fake-node.js';
import { transcriptReplies } from './transcript.js';
import { setTimeout as trickle } from 'node:timers/promises';

/** A TCP server whose every connection is handed to `onConnection`: the test scripts the bytes. */
async function tcpServer(onConnection: (socket: net.Socket) => void): Promise<number> {
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    onConnection(socket);
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return (server.address() as AddressInfo).port;
}

const servers: net.Server[] = [];
const sockets = new Set<net.Socket>();
afterEach(async () => {
  for (const s of sockets) s.destroy();
  sockets.clear();
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

/** Calls `reply(command)` for each line the client sends. */
function onCommands(socket: net.Socket, reply: (command: string) => void): void {
  let buffered = '';
  socket.on('data', (chunk) => {
    buffered += chunk.toString();
    let i: number;
    while ((i = buffered.indexOf('\n')) !== -1) {
      const line = buffered.slice(0, i).replace(/\r$/, '');
      buffered = buffered.slice(i + 1);
      reply(line);
    }
  });
}

/** Replays the real munin-node transcript: the same bytes munin-node 2.0.73 sent. */
function transcriptNode(socket: net.Socket): void {
  const replies = transcriptReplies();
  socket.write('# munin node at radiator-test-node\n');
  onCommands(socket, (command) => {
    if (command === 'quit') return void socket.end();
    const lines = replies.get(command);
    if (!lines) return void socket.write('# Unknown command. Try cap, list, nodes, config, fetch, version or quit\n');
    const block = /^(config|fetch|nodes)\b/.test(command);
    socket.write(lines.map((l) => `${l}\n`).join('') + (block ? '.\n' : ''));
  });
}

const open = (port: number, extra: Partial<ConnectOptions> = {}) =>
  MuninConnection.open({ host: '127.0.0.1', port, connectTimeoutMs: 2000, readTimeoutMs: 2000, signal: AbortSignal.timeout(20_000), ...extra });

describe('munin protocol client', () => {
  it('speaks the real grammar: banner, cap, one-line list, "."-terminated config and fetch', async () => {
    const port = await tcpServer(transcriptNode);
    const c = await open(port);
    expect(c.nodeName).toBe('radiator-test-node');
    expect(await c.capabilities(['multigraph', 'dirtyconfig'])).toEqual(['multigraph', 'dirtyconfig']);
    expect(await c.list()).toEqual(['http_loadtime', 'df', 'load', 'cpu', 'memory', 'uptime', 'test_latency', 'test_broken', 'diskstats']);
    const config = await c.config('load');
    expect(config.ok && config.lines).toContain('graph_title Load average');
    expect(await c.fetch('load')).toEqual({ ok: true, lines: ['load.value 1.11'] });
    // the session is still in step after a multi-line reply
    expect(await c.fetch('test_latency')).toEqual({ ok: true, lines: ['p50.value 120', 'p95.value 310', 'p99.value 720'] });
    c.quit();
  });

  it('reports munin-node\'s per-plugin errors without ending the session', async () => {
    const port = await tcpServer(transcriptNode);
    const c = await open(port);
    expect(await c.fetch('nosuch')).toEqual({ ok: false, error: 'unknown service (not a plugin on this node)' });
    expect(await c.fetch('test_broken')).toEqual({ ok: false, error: 'plugin failed (bad exit)' });
    expect(c.usable).toBe(true);
    expect((await c.fetch('load')).ok).toBe(true);
    c.quit();
  });

  it('recognises "# Timed out" and drops comment lines a plugin prints among its values', async () => {
    const port = await tcpServer((socket) => {
      socket.write('# munin node at n\n');
      onCommands(socket, (command) => {
        if (command === 'fetch slow') socket.write('# Timed out\n.\n');
        else socket.write('# computed from /proc\nload.value 0.5\n.\n');
      });
    });
    const c = await open(port);
    expect(await c.fetch('slow')).toEqual({ ok: false, error: 'plugin timed out on the node' });
    expect(await c.fetch('load')).toEqual({ ok: true, lines: ['load.value 0.5'] });
    c.destroy();
  });

  it('waits for a slow banner, within the read timeout', async () => {
    const port = await tcpServer((socket) => {
      setTimeout(() => socket.write('# munin node at sleepy\n'), 400);
    });
    const c = await open(port, { readTimeoutMs: 3000 });
    expect(c.nodeName).toBe('sleepy');
    c.destroy();
  });

  it('gives up on a banner that never comes, naming the node', async () => {
    const port = await tcpServer(() => undefined);
    await expect(open(port, { readTimeoutMs: 300 })).rejects.toThrow(`munin-node 127.0.0.1:${port}: no banner within 300 ms`);
  });

  it('reassembles lines split across TCP chunks, even inside a UTF-8 character', async () => {
    const port = await tcpServer((socket) => {
      socket.setNoDelay(true);
      const bytes = Buffer.from('# munin node at n\n');
      socket.write(bytes);
      onCommands(socket, async () => {
        const reply = Buffer.from('graph_title Temperatur °C\ntemp.label Außen\n.\n');
        for (let i = 0; i < reply.length; i++) {
          if (socket.destroyed) return;
          socket.write(reply.subarray(i, i + 1));
          await trickle(2); // a node that sends its reply a byte at a time, as a slow link does
        }
      });
    });
    const c = await open(port);
    expect(await c.config('sensors')).toEqual({ ok: true, lines: ['graph_title Temperatur °C', 'temp.label Außen'] });
    c.destroy();
  });

  it('tolerates CRLF line ends (proxies, Windows nodes)', async () => {
    const port = await tcpServer((socket) => {
      socket.write('# munin node at crlf-node\r\n');
      onCommands(socket, (command) => {
        if (command === 'list') socket.write('load cpu\r\n');
        else socket.write('load.value 2\r\n.\r\n');
      });
    });
    const c = await open(port);
    expect(c.nodeName).toBe('crlf-node');
    expect(await c.list()).toEqual(['load', 'cpu']);
    expect(await c.fetch('load')).toEqual({ ok: true, lines: ['load.value 2'] });
    c.destroy();
  });

  it('fails a fetch whose connection is reset midway, and the session is over', async () => {
    const port = await tcpServer((socket) => {
      socket.write('# munin node at n\n');
      onCommands(socket, () => {
        socket.write('user.value 1\nsystem.val', () => setTimeout(() => socket.resetAndDestroy(), 50));
      });
    });
    const c = await open(port);
    await expect(c.fetch('cpu')).rejects.toThrow(`munin-node 127.0.0.1:${port}: connection reset (during "fetch cpu")`);
    expect(c.usable).toBe(false);
  });

  it('fails a fetch when the node closes the connection before the "."', async () => {
    const port = await tcpServer((socket) => {
      socket.write('# munin node at n\n');
      onCommands(socket, () => socket.end('user.value 1\n'));
    });
    const c = await open(port);
    await expect(c.fetch('cpu')).rejects.toThrow(/connection closed by the node \(during "fetch cpu"\)/);
  });

  it('bounds a huge reply instead of buffering it', async () => {
    const port = await tcpServer((socket) => {
      socket.write('# munin node at n\n');
      onCommands(socket, () => {
        const line = 'x'.repeat(100) + '.value 1\n';
        // 4 MiB of valid-looking lines, never terminated
        for (let i = 0; i < 40_000 && !socket.destroyed; i++) socket.write(line);
      });
    });
    const c = await open(port, { maxReplyBytes: 64 * 1024 });
    await expect(c.fetch('spam')).rejects.toThrow(/larger than 64 KiB|more than 64 KiB of unread output/);
    expect(c.usable).toBe(false);
  });

  it('bounds a line without end', async () => {
    const port = await tcpServer((socket) => {
      socket.write('# munin node at n\n');
      onCommands(socket, () => socket.write('v'.repeat(200 * 1024)));
    });
    const c = await open(port);
    await expect(c.fetch('spam')).rejects.toThrow('a line longer than 64 KiB (during "fetch spam")');
  });

  it('times out a reply that never comes', async () => {
    const port = await tcpServer((socket) => {
      socket.write('# munin node at n\n');
    });
    const c = await open(port, { readTimeoutMs: 300 });
    const started = performance.now();
    await expect(c.fetch('load')).rejects.toThrow(`munin-node 127.0.0.1:${port}: no reply within 300 ms (during "fetch load")`);
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
    expect(c.usable).toBe(false);
  });

  it('says "connection refused" for a closed port', async () => {
    const port = await closedPort();
    await expect(open(port)).rejects.toThrow(`munin-node 127.0.0.1:${port}: connection refused`);
  });

  it('says when the other end is not a munin node', async () => {
    const port = await tcpServer((socket) => socket.write('SSH-2.0-OpenSSH_9.2\r\n'));
    await expect(open(port)).rejects.toThrow(`munin-node 127.0.0.1:${port}: not a munin node (it said "SSH-2.0-OpenSSH_9.2")`);
  });

  it('says when the node insists on TLS', async () => {
    const port = await tcpServer((socket) => {
      socket.write('# munin node at secure\n');
      onCommands(socket, () => socket.end('# I require TLS. Closing.\n'));
    });
    const c = await open(port);
    await expect(c.capabilities(['multigraph'])).rejects.toThrow('the node requires TLS, which Radiator does not speak');
  });

  it('stops at once when the poll is aborted', async () => {
    const port = await tcpServer((socket) => socket.write('# munin node at n\n'));
    const abort = new AbortController();
    const c = await open(port, { signal: abort.signal, readTimeoutMs: 20_000 });
    const fetching = c.fetch('load');
    setTimeout(() => abort.abort(new Error('timed out after 500 ms')), 100);
    const started = performance.now();
    await expect(fetching).rejects.toThrow(`munin-node 127.0.0.1:${port}: timed out after 500 ms (during "fetch load")`);
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it('never sends a plugin name that could smuggle a second command', async () => {
    const port = await tcpServer(transcriptNode);
    const c = await open(port);
    expect(await c.fetch('load\nquit')).toEqual({ ok: false, error: '"load quit" is not a plugin name' });
    expect(await c.fetch('.hidden')).toMatchObject({ ok: false });
    expect((await c.fetch('load')).ok).toBe(true);
    c.destroy();
  });
});
