import net from 'node:net';
import { demoPlugins, type CounterState } from './munin-demo-plugins.js';
import { listenOnLoopback, type RunningStandIn, type StandInKind } from './stand-in.js';

const NODE_NAME = 'shop-web1';
const UNKNOWN_COMMAND = '# Unknown command. Try cap, list, nodes, config, fetch, version or quit';
/** Nobody types commands this long; a client that does is not a munin master. */
const MAX_LINE = 4096;

/**
 * A munin-node imitation speaking the real protocol as munin-node 2.0 does (see
 * test/upstreams/samples/munin/munin-node-transcript.txt): banner, cap, list (one line, no "."),
 * nodes, version, config/fetch (lines then "."), "# Unknown service", unknown commands, quit.
 * Its plugins (load, cpu, checkout_latency, if_eth0) move over time; see munin-demo-plugins.ts.
 */
export const muninStandIn: StandInKind = {
  kind: 'munin',
  description: `A munin-node ("${NODE_NAME}") with load, cpu (DERIVE), checkout_latency (thresholds) and if_eth0 (COUNTER)`,
  async start(port) {
    const counters = new Map<string, CounterState>();
    const sockets = new Set<net.Socket>();
    const server = net.createServer((socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => socket.destroy());
      socket.setEncoding('utf8');
      socket.write(`# munin node at ${NODE_NAME}\n`);
      let buffered = '';
      socket.on('data', (chunk: string) => {
        buffered += chunk;
        let newline: number;
        while ((newline = buffered.indexOf('\n')) !== -1) {
          const line = buffered.slice(0, newline).replace(/\r$/, '');
          buffered = buffered.slice(newline + 1);
          const reply = answer(line, counters);
          if (reply === null) {
            socket.end();
            return;
          }
          socket.write(reply);
        }
        if (buffered.length > MAX_LINE) socket.destroy();
      });
    });
    const actual = await listenOnLoopback(server, port);
    return {
      kind: 'munin',
      port: actual,
      stop: () =>
        new Promise<void>((resolve) => {
          for (const socket of sockets) socket.destroy();
          server.close(() => resolve());
        }),
    } satisfies RunningStandIn;
  },
};

/** The reply to one command line, as munin-node words it; null = close the connection. */
function answer(line: string, counters: Map<string, CounterState>): string | null {
  const [command = '', arg = ''] = line.trim().split(/\s+/);
  switch (command.toLowerCase()) {
    case 'list':
      return `${arg && arg.toLowerCase() !== NODE_NAME ? '' : demoPlugins.map((p) => p.name).join(' ')}\n`;
    case 'cap':
      return 'cap multigraph dirtyconfig\n';
    case 'nodes':
      return `${NODE_NAME}\n.\n`;
    case 'version':
      return `munins node on ${NODE_NAME} version: 2.0.73\n`;
    case 'config':
    case 'fetch': {
      const plugin = demoPlugins.find((p) => p.name === arg);
      if (!plugin) return '# Unknown service\n.\n';
      if (command.toLowerCase() === 'config') return `${plugin.config.join('\n')}\n.\n`;
      let state = counters.get(plugin.name);
      if (!state) counters.set(plugin.name, (state = { lastT: null, counters: {} }));
      return `${plugin.fetch(Date.now(), state).join('\n')}\n.\n`;
    }
    case 'quit':
      return null;
    default:
      // munin-node treats any line starting with "." like quit
      return command.startsWith('.') ? null : `${UNKNOWN_COMMAND}\n`;
  }
}
