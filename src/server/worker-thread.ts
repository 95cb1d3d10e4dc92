import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

/**
 * The worker module `name` beside the module at `moduleUrl` (its `import.meta.url`), with that
 * module's own extension: `.ts` when run from sources (tsx, vitest), `.js` when built.
 */
export function siblingModule(moduleUrl: string, name: string): URL {
  const file = fileURLToPath(moduleUrl);
  return pathToFileURL(path.join(path.dirname(file), `${name}${path.extname(file)}`));
}

/**
 * Starts a worker thread on `workerUrl`. Run from TypeScript sources (tsx, vitest), the thread
 * registers tsx itself first: a worker does not inherit the loader of the thread that starts it.
 */
export function startWorker(workerUrl: URL, workerData: unknown): Worker {
  if (!workerUrl.pathname.endsWith('.ts')) return new Worker(workerUrl, { workerData });
  const tsx = import.meta.resolve('tsx/esm/api');
  const boot = `import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(workerUrl.href)}); });`;
  return new Worker(boot, { eval: true, workerData });
}
