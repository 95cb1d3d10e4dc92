import { execFileSync } from 'node:child_process';

/** Builds the display app once, so browser tests load what `npm start` would serve. */
export default function setup(): void {
  execFileSync('npx', ['vite', 'build', '--logLevel', 'error'], { stdio: 'inherit' });
}
