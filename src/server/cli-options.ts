import { parseArgs } from 'node:util';

export interface CliOptions {
  configFile: string;
  dataDir: string;
  port: number;
  host: string;
  standIns: boolean;
}

export const USAGE = `usage: radiator [--config FILE] [--data DIR] [--port N] [--host ADDR] [--no-standins]
  --config FILE   boards, sources and playlists (default config/boards.json, or $RADIATOR_CONFIG)
  --data DIR      where the last known state is kept across restarts (default ./data)
  --port N        HTTP port (default 8080, or $PORT)
  --host ADDR     address to listen on (default 0.0.0.0)
  --no-standins   do not start the demo stand-ins listed under demo.standIns`;

/** Reads command line and environment; throws an Error with a readable message on bad input. */
export function parseCliOptions(argv: string[], env: Record<string, string | undefined>): CliOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      config: { type: 'string' },
      data: { type: 'string' },
      port: { type: 'string' },
      host: { type: 'string' },
      'no-standins': { type: 'boolean' },
      help: { type: 'boolean' },
    },
    strict: true,
  });
  if (values.help) throw new Error(USAGE);
  const portText = values.port ?? env.PORT ?? '8080';
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port: expected a port number 0-65535, got "${portText}"`);
  return {
    configFile: values.config ?? env.RADIATOR_CONFIG ?? 'config/boards.json',
    dataDir: values.data ?? env.RADIATOR_DATA ?? 'data',
    port,
    host: values.host ?? '0.0.0.0',
    standIns: !values['no-standins'],
  };
}
