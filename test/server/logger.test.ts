import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/server/logger.js';

function collector() {
  const written: string[] = [];
  return { written, destination: { write: (text: string) => void written.push(text) } };
}

describe('server logger', () => {
  it('writes one JSON line per entry, with level, time and message, for log shippers', () => {
    const { written, destination } = collector();
    const logger = createLogger({ destination });
    logger.warn('source shop: connection refused');
    logger.debug('not at the default level');
    expect(written).toHaveLength(1);
    expect(written[0]!.endsWith('\n')).toBe(true);
    expect(JSON.parse(written[0]!)).toMatchObject({ level: 40, time: expect.any(Number), msg: 'source shop: connection refused' });
  });

  it('writes words for a person at a terminal: time, level unless info, message, and a stack when there is one', () => {
    const { written, destination } = collector();
    const logger = createLogger({ destination, humanReadable: true });
    logger.info('boards at http://localhost:8080/');
    logger.error({ err: new Error('boom') }, 'GET /healthz failed');
    expect(written[0]).toMatch(/^\d\d:\d\d:\d\d\.\d{3} boards at http:\/\/localhost:8080\/\n$/);
    expect(written[1]).toMatch(/^\d\d:\d\d:\d\d\.\d{3} ERROR GET \/healthz failed\nError: boom\n\s+at /);
  });

  it('says nothing at level silent', () => {
    const { written, destination } = collector();
    createLogger({ destination, level: 'silent' }).error('unheard');
    expect(written).toEqual([]);
  });
});
