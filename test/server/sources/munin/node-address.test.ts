import { describe, expect, it } from 'vitest';
import { formatNodeAddress, parseNodeAddress } from '../../../../src/server/sources/munin/node-address.js';

describe('munin node address', () => {
  it('defaults the port to 4949', () => {
    expect(parseNodeAddress('web1.example.com')).toEqual({ host: 'web1.example.com', port: 4949 });
    expect(parseNodeAddress('10.0.0.5:14949')).toEqual({ host: '10.0.0.5', port: 14949 });
  });

  it('understands IPv6 with and without brackets', () => {
    expect(parseNodeAddress('[::1]:4950')).toEqual({ host: '::1', port: 4950 });
    expect(parseNodeAddress('::1')).toEqual({ host: '::1', port: 4949 });
    expect(formatNodeAddress({ host: '::1', port: 4950 })).toBe('[::1]:4950');
  });

  it('rejects what cannot be an address', () => {
    for (const bad of ['', 'web1:', 'web1:0', 'web1:65536', 'web1:http', ':4949', 'a b']) expect(parseNodeAddress(bad), bad).toBeNull();
  });
});
