import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { setTimeout as slowPlugin } from 'node:timers/promises';

export interface FakePlugin {
  config: string[];
  /** The fetch output, or a munin-node error line such as "# Bad exit". */
  fetch: () => string[];
  /** Delay before the fetch reply, to hold a connection busy. */
  delayMs?: number;
  /** Never answer `fetch` (a hung plugin): the connection stays silent until the client gives up. */
  hang?: boolean;
}

export interface FakeNode {
  port: number;
  /** Every command received, in order, over all connections. */
  commands: string[];
  /** The most connections that were open at the same time. */
  maxConcurrent: number;
  plugins: Record<string, FakePlugin>;
  close(): Promise<void>;
}

/**
 * A scriptable munin-node for tests that need to control or count what the node does (which commands
 * arrive, how many connections). It answers with munin-node 2.0's grammar, like the real node.
 */
export interface FakeNodeBehaviour {
  /** Close the connection right after answering `list`, as a node that crashes or is restarted might. */
  hangUpAfterList?: boolean;
}

export async function startFakeNode(name: string, plugins: Record<string, FakePlugin>, behaviour: FakeNodeBehaviour = {}): Promise<FakeNode> {
  const sockets = new Set<net.Socket>();
  const node: FakeNode = { port: 0, commands: [], maxConcurrent: 0, plugins, close: async () => undefined };
  const server = net.createServer((socket) => {
    sockets.add(socket);
    node.maxConcurrent = Math.max(node.maxConcurrent, sockets.size);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    socket.write(`# munin node at ${name}\n`);
    let buffered = '';
    let queue = Promise.resolve();
    socket.on('data', (chunk) => {
      buffered += chunk.toString('utf8');
      let i: number;
      while ((i = buffered.indexOf('\n')) !== -1) {
        const line = buffered.slice(0, i).trim();
        buffered = buffered.slice(i + 1);
        node.commands.push(line);
        queue = queue.then(() => answer(line, socket));
      }
    });
  });
  async function answer(line: string, socket: net.Socket): Promise<void> {
    const [command, arg = ''] = line.split(/\s+/);
    if (socket.destroyed) return;
    if (command === 'quit') return void socket.end();
    if (command === 'cap') return void socket.write('cap multigraph dirtyconfig\n');
    if (command === 'list') {
      socket.write(`${Object.keys(node.plugins).join(' ')}\n`);
      if (behaviour.hangUpAfterList) socket.end();
      return;
    }
    const plugin = node.plugins[arg];
    if (command === 'config' || command === 'fetch') {
      if (!plugin) return void socket.write('# Unknown service\n.\n');
      if (command === 'fetch' && plugin.hang) return new Promise<void>((resolve) => socket.once('close', () => resolve()));
      // a slow plugin is what this fake imitates: the delay is the upstream's behaviour, not a wait of the test
      if (command === 'fetch' && plugin.delayMs) await slowPlugin(plugin.delayMs);
      const lines = command === 'config' ? plugin.config : plugin.fetch();
      if (!socket.destroyed) socket.write(lines.map((l) => `${l}\n`).join('') + '.\n');
      return;
    }
    socket.write('# Unknown command. Try cap, list, nodes, config, fetch, version or quit\n');
  }
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  node.port = (server.address() as AddressInfo).port;
  node.close = () =>
    new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    });
  return node;
}

/** A port nothing listens on (bound, then released). */
export async function closedPort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((r) => probe.close(() => r()));
  return port;
}
