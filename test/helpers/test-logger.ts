import { createLogger, type ServerLogger } from '../../src/server/logger.js';

/** A server logger that says nothing. */
export function silentLogger(): ServerLogger {
  return createLogger({ level: 'silent' });
}

const LEVEL_WORDS: Record<number, string> = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO', 40: 'WARN', 50: 'ERROR', 60: 'FATAL' };

export type CapturingLogger = ServerLogger & {
  /** `LEVEL message` per entry, e.g. `WARN source shop: connection refused …`. */
  lines: string[];
  /** Every entry as pino wrote it (JSON with every field), to check that nothing leaks anywhere in it. */
  records: string[];
};

/** A real pino logger whose entries the test can read, as they are written (synchronously). */
export function capturingLogger(level = 'info'): CapturingLogger {
  const lines: string[] = [];
  const records: string[] = [];
  const logger = createLogger({
    level,
    destination: {
      write(record: string) {
        records.push(record);
        const { level: number, msg } = JSON.parse(record) as { level: number; msg?: string };
        lines.push(`${LEVEL_WORDS[number] ?? number} ${msg ?? ''}`);
      },
    },
  });
  return Object.assign(logger, { lines, records });
}
