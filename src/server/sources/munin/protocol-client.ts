import net from 'node:net';
import { plainLine } from '../../../shared/plain-text.js';
import { LineReader, LineStreamEnded, LineTimeout } from './line-reader.js';
import { formatNodeAddress, type NodeAddress } from './node-address.js';

export interface ConnectOptions extends NodeAddress {
  connectTimeoutMs: number;
  /** Longest wait for the banner and for each complete reply (a plugin may take seconds to run). */
  readTimeoutMs: number;
  signal: AbortSignal;
  /** Largest reply to one command; a bigger one ends the connection. Default 1 MiB. */
  maxReplyBytes?: number;
}

/** A plugin's reply: its output lines, or the node's per-plugin error in words. */
export type PluginReply = { ok: true; lines: string[] } | { ok: false; error: string };

const DEFAULT_MAX_REPLY_BYTES = 1024 * 1024;
const MAX_LINE_BYTES = 64 * 1024;
// [\s\S], not ".": a name with U+2028 in it is still a banner (the name is made plain text below)
const BANNER = /^# munin node at ([\s\S]+)$/;
/** Upstream text quoted in a message (a banner, a plugin's own error line), clipped this short. */
const QUOTE_CHARS = 80;
const NAME_CHARS = 120;
/** munin-node's own one-line errors for a plugin (Munin::Node::Server); anything else is output. */
const PLUGIN_ERRORS: Record<string, string> = {
  '# Unknown service': 'unknown service (not a plugin on this node)',
  '# Bad exit': 'plugin failed (bad exit)',
  '# Timed out': 'plugin timed out on the node',
};

/**
 * One TCP session with a munin-node, speaking its line protocol one command at a time:
 * banner, `cap`, `list` (one line, no terminator), `config`/`fetch` (lines ended by "."), `quit`.
 * Every thrown error means the session is unusable, and its message names the node
 * ("munin-node 127.0.0.1:4949: connection refused"); per-plugin errors come back as PluginReply.
 */
export class MuninConnection {
  /** The name in the banner, `# munin node at NAME`. */
  readonly nodeName: string;
  private broken = false;

  private constructor(
    private readonly socket: net.Socket,
    private readonly reader: LineReader,
    private readonly where: string,
    private readonly options: ConnectOptions,
    nodeName: string,
  ) {
    this.nodeName = nodeName;
  }

  static async open(options: ConnectOptions): Promise<MuninConnection> {
    const where = `munin-node ${formatNodeAddress(options)}`;
    const { signal } = options;
    if (signal.aborted) throw new Error(`${where}: ${abortReason(signal)}`);
    const maxReply = options.maxReplyBytes ?? DEFAULT_MAX_REPLY_BYTES;
    const reader = new LineReader(MAX_LINE_BYTES, maxReply);
    const socket = net.connect({ host: options.host, port: options.port });
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => {
      if (!reader.push(chunk)) socket.destroy();
    });
    socket.on('end', () => reader.end('connection closed by the node'));
    socket.on('close', () => reader.end('connection closed'));
    const onAbort = () => {
      reader.end(abortReason(signal));
      socket.destroy();
    };
    signal.addEventListener('abort', onAbort, { once: true });
    socket.once('close', () => signal.removeEventListener('abort', onAbort));

    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new Error(`${where}: no connection within ${options.connectTimeoutMs} ms`));
      }, options.connectTimeoutMs);
      socket.once('connect', () => {
        clearTimeout(timer);
        resolve();
      });
      socket.on('error', (err: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        const reason = signal.aborted ? abortReason(signal) : describeSocketError(err, options.host);
        reader.end(reason);
        reject(new Error(`${where}: ${reason}`));
      });
      // an abort during connect destroys the socket without an 'error' event
      socket.once('close', () => {
        clearTimeout(timer);
        reject(new Error(`${where}: ${signal.aborted ? abortReason(signal) : 'connection closed'}`));
      });
    });

    let banner: string;
    try {
      banner = await reader.next(performance.now() + options.readTimeoutMs);
    } catch (err) {
      socket.destroy();
      if (err instanceof LineTimeout) throw new Error(`${where}: no banner within ${options.readTimeoutMs} ms`);
      throw new Error(`${where}: ${(err as Error).message} before the banner`);
    }
    const match = BANNER.exec(banner);
    if (!match) {
      socket.destroy();
      throw new Error(`${where}: not a munin node (it said "${plainLine(banner, QUOTE_CHARS)}")`);
    }
    return new MuninConnection(socket, reader, where, options, plainLine(match[1]!, NAME_CHARS));
  }

  /** False once an error, timeout or limit has made the session unusable. */
  get usable(): boolean {
    return !this.broken && !this.reader.ended;
  }

  /** Asks for capabilities; returns what the node has ([] for old nodes that do not know `cap`). */
  async capabilities(wanted: readonly string[]): Promise<string[]> {
    const line = await this.singleLine(`cap ${wanted.join(' ')}`);
    if (line.startsWith('#')) return [];
    return line.split(/\s+/).slice(1).filter(Boolean);
  }

  /** The node's plugins; `list` is the one multi-word reply without a "." terminator. */
  async list(): Promise<string[]> {
    const line = await this.singleLine('list');
    return line.split(/\s+/).filter(Boolean);
  }

  config(plugin: string): Promise<PluginReply> {
    return this.pluginCommand('config', plugin);
  }

  fetch(plugin: string): Promise<PluginReply> {
    return this.pluginCommand('fetch', plugin);
  }

  /** Ends the session politely; never throws. */
  quit(): void {
    if (!this.socket.destroyed && this.socket.writable) this.socket.end('quit\n');
    this.broken = true;
    // munin-node closes on quit; make sure a silent node cannot keep the socket open
    setTimeout(() => this.socket.destroy(), 1000).unref();
  }

  destroy(): void {
    this.broken = true;
    this.socket.destroy();
  }

  private async singleLine(command: string): Promise<string> {
    this.send(command);
    const line = await this.nextLine(command, performance.now() + this.options.readTimeoutMs);
    if (line.startsWith('# I require TLS')) this.fail(command, 'the node requires TLS, which Radiator does not speak');
    return line;
  }

  private async pluginCommand(command: 'config' | 'fetch', plugin: string): Promise<PluginReply> {
    if (!/^[^\s.][^\s]*$/.test(plugin)) return { ok: false, error: `"${plainLine(plugin, QUOTE_CHARS)}" is not a plugin name` };
    const full = `${command} ${plugin}`;
    this.send(full);
    const deadline = performance.now() + this.options.readTimeoutMs;
    const maxBytes = this.options.maxReplyBytes ?? DEFAULT_MAX_REPLY_BYTES;
    const lines: string[] = [];
    let bytes = 0;
    for (;;) {
      const line = await this.nextLine(full, deadline);
      if (line === '.') break;
      if (line.startsWith('# I require TLS')) this.fail(full, 'the node requires TLS, which Radiator does not speak');
      bytes += Buffer.byteLength(line) + 1;
      if (bytes > maxBytes) this.fail(full, `reply larger than ${Math.round(maxBytes / 1024)} KiB`);
      lines.push(line);
    }
    const comments = lines.filter((l) => l.startsWith('#'));
    if (lines.length === 1 && comments.length === 1) {
      const known = PLUGIN_ERRORS[lines[0]!.trim()];
      return { ok: false, error: known ?? plainLine(lines[0]!.replace(/^#\s*/, ''), QUOTE_CHARS) };
    }
    // plugins may print comments of their own; munin's master ignores them too
    return { ok: true, lines: lines.filter((l) => !l.startsWith('#')) };
  }

  private send(command: string): void {
    if (!this.usable) throw new Error(`${this.where}: connection no longer usable for "${command}"`);
    this.socket.write(`${command}\n`);
  }

  private async nextLine(command: string, deadline: number): Promise<string> {
    try {
      return await this.reader.next(deadline);
    } catch (err) {
      if (err instanceof LineTimeout) this.fail(command, `no reply within ${this.options.readTimeoutMs} ms`);
      if (err instanceof LineStreamEnded) this.fail(command, err.message);
      throw err;
    }
  }

  /** A reply that went wrong leaves the stream at an unknown position: the session is over. */
  private fail(command: string, reason: string): never {
    this.destroy();
    throw new Error(`${this.where}: ${reason} (during "${command}")`);
  }
}

function abortReason(signal: AbortSignal): string {
  return signal.reason instanceof Error ? signal.reason.message : String(signal.reason ?? 'aborted');
}

function describeSocketError(err: NodeJS.ErrnoException, host: string): string {
  switch (err.code) {
    case 'ECONNREFUSED':
      return 'connection refused';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `DNS lookup failed for ${host}`;
    case 'ECONNRESET':
    case 'EPIPE':
      return 'connection reset';
    case 'ETIMEDOUT':
      return 'connection timed out';
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return 'host unreachable';
    default:
      return err.message;
  }
}
