import { parseArgs } from 'node:util';
import { ConfigError } from '../config/config-error.js';
import { loadConfigFile } from '../config/load-config.js';
import { createLogger } from '../logger.js';
import { findStandInKind } from './registry.js';
import type { RunningStandIn } from './stand-in.js';
import { builtInKinds } from '../built-in-kinds.js';

const USAGE = `usage: npm run standins -- [--config FILE] [KIND ...]
  Runs the demo stand-ins listed under demo.standIns on their own, so you can stop and restart an
  "upstream" while the board runs (npm start -- --no-standins) and watch its tiles go stale and recover.
  KIND            only these stand-ins (http, nagios, munin, …); default all
  --config FILE   default config/boards.json, or $RADIATOR_CONFIG
  The deploy tool and the perf lab push to $RADIATOR_URL (default http://127.0.0.1:8080) with the
  tokens in $RADIATOR_DEMO_DEPLOY_TOKENS and $RADIATOR_DEMO_PERF_TOKENS: set the same ones for the server.`;

async function main(): Promise<void> {
  let values;
  let positionals;
  try {
    ({ values, positionals } = parseArgs({ options: { config: { type: 'string' }, help: { type: 'boolean' } }, allowPositionals: true, strict: true }));
  } catch (err) {
    console.error(`${(err as Error).message}\n\n${USAGE}`);
    process.exit(2);
  }
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const file = values.config ?? process.env.RADIATOR_CONFIG ?? 'config/boards.json';
  let specs;
  try {
    specs = loadConfigFile(file, builtInKinds).demo?.standIns ?? [];
  } catch (err) {
    console.error(err instanceof ConfigError ? err.message : (err as Error).message);
    process.exit(2);
  }
  const unknown = positionals.filter((kind) => !specs.some((s) => s.kind === kind));
  if (unknown.length) {
    console.error(`${file} has no demo stand-in of kind ${unknown.join(', ')}; it has: ${specs.map((s) => s.kind).join(', ') || 'none'}`);
    process.exit(2);
  }
  const logger = createLogger({ humanReadable: process.stdout.isTTY === true });
  const running: RunningStandIn[] = [];
  const radiatorUrl = (process.env.RADIATOR_URL ?? 'http://127.0.0.1:8080').replace(/\/+$/, '');
  for (const spec of specs.filter((s) => positionals.length === 0 || positionals.includes(s.kind))) {
    try {
      running.push(await findStandInKind(spec.kind)!.start(spec.port, { env: process.env, radiatorUrl: () => radiatorUrl }));
    } catch (err) {
      console.error(`stand-in "${spec.kind}" cannot listen on 127.0.0.1:${spec.port}: ${(err as Error).message} (is the server running with its own stand-ins? start it with --no-standins)`);
      process.exit(1);
    }
    logger.info(`demo stand-in "${spec.kind}" listening on 127.0.0.1:${spec.port}`);
  }
  logger.info('stand-ins running; Ctrl-C stops them');
  const stop = () => void Promise.all(running.map((s) => s.stop())).then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

void main();
