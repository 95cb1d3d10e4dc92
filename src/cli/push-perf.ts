/**
 * `npm run push-perf -- …`: the command's entry, nothing else (what it does is in push-perf-command.ts,
 * so tests import that without running it, and no "am I the main module" check can fail on a symlink).
 */
import { pushPerf, readStdin } from './push-perf-command.js';

process.exitCode = await pushPerf(process.argv.slice(2), process.env, { out: (line) => console.log(line), err: (line) => console.error(line) }, readStdin);
