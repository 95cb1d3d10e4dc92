import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseCliOptions, USAGE } from './cli-options.js';
import { ConfigError } from './config/config-error.js';
import { loadConfigFile } from './config/load-config.js';
import { createServer } from './create-server.js';
import { createLogger } from './logger.js';
import { builtInKinds } from './built-in-kinds.js';

async function main(): Promise<void> {
  let options;
  try {
    options = parseCliOptions(process.argv.slice(2), process.env);
  } catch (err) {
    console.error((err as Error).message === USAGE ? USAGE : `${(err as Error).message}\n\n${USAGE}`);
    process.exit(2);
  }
  let config;
  try {
    config = loadConfigFile(options.configFile, builtInKinds);
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      console.error('Radiator did not start. Fix the config and start again.');
      process.exit(2);
    }
    throw err;
  }
  // JSON lines for log shippers; words when a person watches the terminal
  const logger = createLogger({ level: process.env.RADIATOR_LOG_LEVEL ?? 'info', humanReadable: process.stdout.isTTY === true });
  const clientDir = fileURLToPath(new URL('../../dist/client', import.meta.url));
  if (!existsSync(clientDir)) logger.warn('the display app is not built (dist/client); run "npm run build"');
  const server = createServer(config, {
    dataDir: options.dataDir,
    clientDir: existsSync(clientDir) ? clientDir : null,
    startStandIns: options.standIns,
    logger,
  });
  let address;
  try {
    address = await server.listen(options.port, options.host);
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    console.error(e.code === 'EADDRINUSE' ? `port ${e.message.match(/:(\d+)/)?.[1] ?? options.port} is already in use; pick another with --port N` : e.message);
    process.exit(1);
  }
  logger.info(`Radiator ${options.configFile}: boards at ${address.url}/ (state in ${options.dataDir}/)`);
  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    logger.info(`${signal}: saving state and stopping`);
    server.close().then(
      () => process.exit(0),
      (err: Error) => {
        logger.error(err.message);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

void main();
