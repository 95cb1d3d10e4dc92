import { pino, type DestinationStream, type Logger as PinoLogger } from 'pino';

/**
 * What a part of the server needs to say what it does: sentences at three levels. The server's pino
 * logger is one; parts depend on this much only, so a unit test can hand in whatever records lines.
 */
export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/** The process's logger: pino, created once by main.ts, handed to Fastify as its `loggerInstance` and to every part as a Logger. */
export type ServerLogger = PinoLogger;

export interface LoggerOptions {
  /** pino level: `trace`, `debug`, `info` (the default), `warn`, `error`, `fatal` or `silent`. */
  level?: string;
  /** One line of words per entry instead of JSON, for a person at a terminal. */
  humanReadable?: boolean;
  /** Where lines go; standard output by default. */
  destination?: { write(text: string): unknown };
}

/** JSON lines (what log shippers read) unless asked for words; written synchronously, so nothing is lost at exit. */
export function createLogger(options: LoggerOptions = {}): ServerLogger {
  const out = options.destination ?? (options.humanReadable ? process.stdout : pino.destination({ dest: 1, sync: true }));
  return pino({ level: options.level ?? 'info' }, options.humanReadable ? humanReadableLines(out) : out);
}

const LEVEL_WORDS: Record<number, string> = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO', 40: 'WARN', 50: 'ERROR', 60: 'FATAL' };

/**
 * `12:00:01.234 WARN source shop: connection refused …`: pino's JSON line turned back into words. A
 * few lines, not pino-pretty: its current release pulls in a dependency that needs Node 22.
 */
function humanReadableLines(out: { write(text: string): unknown }): DestinationStream {
  return {
    write(line: string) {
      let entry: { level?: number; time?: number; msg?: string; err?: { stack?: string } };
      try {
        entry = JSON.parse(line) as typeof entry;
      } catch {
        out.write(line);
        return;
      }
      const at = new Date(entry.time ?? Date.now());
      const time = `${at.toTimeString().slice(0, 8)}.${String(at.getMilliseconds()).padStart(3, '0')}`;
      const level = LEVEL_WORDS[entry.level ?? 30] ?? String(entry.level);
      const stack = entry.err?.stack ? `\n${entry.err.stack}` : '';
      out.write(`${time} ${level === 'INFO' ? '' : `${level} `}${entry.msg ?? ''}${stack}\n`);
    },
  };
}
