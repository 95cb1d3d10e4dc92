import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import path from 'node:path';
import { sendError } from './respond.js';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
};

/** Serves the built widgets (vite's output). Hashed assets are cached for good; HTML never. */
export class StaticFiles {
  constructor(private readonly root: string | null) {}

  /** `urlPath` is already percent-decoded. */
  async serve(res: ServerResponse, urlPath: string): Promise<boolean> {
    if (!this.root) return false;
    const file = path.join(this.root, path.normalize(urlPath).replace(/^(\.\.[/\\])+/, ''));
    if (!file.startsWith(this.root)) return false;
    try {
      const info = await stat(file);
      if (!info.isFile()) return false;
    } catch {
      return false;
    }
    const ext = path.extname(file);
    res.writeHead(200, {
      'content-type': TYPES[ext] ?? 'application/octet-stream',
      'cache-control': urlPath.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
    });
    createReadStream(file)
      // the file can vanish between stat and open (a redeploy): end this response, not the process
      .on('error', () => res.destroy())
      .pipe(res);
    return true;
  }

  /** The single page every kiosk URL loads; it reads the board or playlist id from the path. */
  async serveApp(res: ServerResponse): Promise<void> {
    if (!(await this.serve(res, '/index.html'))) {
      sendError(res, 503, 'the display app is not built; run "npm run build" (npm start does it for you)');
    }
  }
}
