/**
 * Child process of the events crash test: the whole server (createServer with a data directory, as
 * `npm start` runs it) on a port the OS picks, with one push source whose token is given. Says
 * `listening PORT` once it takes requests. The test SIGKILLs it right after a 202.
 */
import { builtInKinds } from '../../../src/server/built-in-kinds.js';
import { validateConfig } from '../../../src/server/config/load-config.js';
import { createServer } from '../../../src/server/create-server.js';
import { createLogger } from '../../../src/server/logger.js';
import { CRASH_SOURCE, CRASH_TOKEN } from './events-crash-source.js';

const TOKENS_ENV = 'RADIATOR_CRASH_TEST_TOKENS';

async function main(dataDir: string): Promise<void> {
  const config = validateConfig(
    {
      sources: { [CRASH_SOURCE]: { type: 'push', tokensEnv: TOKENS_ENV } },
      boards: { wall: { title: 'Wall', columns: 1, rows: 1, tiles: [{ id: 'latest', widget: 'number', source: CRASH_SOURCE, x: 0, y: 0, options: { series: 'crash/*' } }] } },
    },
    'events-crash-test',
    builtInKinds,
  );
  const server = createServer(config, {
    dataDir,
    env: { [TOKENS_ENV]: CRASH_TOKEN },
    logger: createLogger({ level: 'error' }),
    schedule: () => ({ stop() {} }),
  });
  const { port } = await server.listen(0, '127.0.0.1');
  process.stdout.write(`listening ${port}\n`);
}

// only ever run as a script (the test bundles it and runs `node server.mjs DIR`): the constants the
// test shares live apart, so no "am I the main module" check (it fails when a path is a symlink)
main(process.argv[2] ?? '.').catch((err: Error) => {
  process.stderr.write(`${err.stack ?? err.message}\n`);
  process.exit(1);
});
