export const DEFAULT_MUNIN_PORT = 4949;

export interface NodeAddress {
  host: string;
  port: number;
}

/**
 * "host", "host:port", "[::1]:port" or a bare IPv6 address → host and port (default 4949).
 * Returns null for what cannot be an address, so config validation can say so.
 */
export function parseNodeAddress(text: string): NodeAddress | null {
  const s = text.trim();
  if (s === '' || /\s/.test(s)) return null;
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(s);
  if (bracketed) return withPort(bracketed[1]!, bracketed[2]);
  const colons = s.split(':').length - 1;
  if (colons >= 2) return { host: s, port: DEFAULT_MUNIN_PORT }; // bare IPv6
  const [host, port] = s.split(':') as [string, string | undefined];
  if (host === '') return null;
  return withPort(host, port);
}

function withPort(host: string, port: string | undefined): NodeAddress | null {
  if (port === undefined) return { host, port: DEFAULT_MUNIN_PORT };
  if (!/^\d+$/.test(port)) return null;
  const n = Number(port);
  return n >= 1 && n <= 65535 ? { host, port: n } : null;
}

/** "host:port", with brackets around IPv6 hosts: how addresses appear in messages and keys. */
export function formatNodeAddress({ host, port }: NodeAddress): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}
