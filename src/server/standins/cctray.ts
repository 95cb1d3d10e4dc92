import http from 'node:http';
import { serveHttpOnLoopback, type StandInKind } from './stand-in.js';

interface DemoProject {
  name: string;
  /** A build every this many ms, each running for `buildMs`. */
  everyMs: number;
  buildMs: number;
  /** Which builds fail: the n-th build of the project fails when this says so. */
  fails(n: number): boolean;
  breakers: string;
}

const PROJECTS: DemoProject[] = [
  // breaks for two builds out of every five (about 4 minutes in 10), then recovers
  { name: 'checkout-service', everyMs: 120_000, buildMs: 40_000, fails: (n) => n % 5 === 3 || n % 5 === 4, breakers: 'alice, bob' },
  { name: 'search-indexer', everyMs: 300_000, buildMs: 90_000, fails: () => false, breakers: '' },
  { name: 'platform » terraform-plan', everyMs: 600_000, buildMs: 60_000, fails: (n) => n % 7 === 0, breakers: 'carol' },
  { name: 'mobile-app', everyMs: 900_000, buildMs: 240_000, fails: () => false, breakers: '' },
];

const xmlAttr = (value: string) => value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');

/** The feed at `now`: each project's last finished build, and whether the next one runs. */
export function cctrayDemoFeed(now: number, base: string): string {
  const projects = PROJECTS.map((p) => {
    const n = Math.floor(now / p.everyMs); // the build that started last
    const building = now - n * p.everyMs < p.buildMs;
    const last = building ? n - 1 : n; // the last finished one
    const failed = p.fails(last);
    const finished = new Date(last * p.everyMs + p.buildMs).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const messages = failed && p.breakers ? `<messages><message kind="Breakers" text="${xmlAttr(p.breakers)}"/></messages>` : '';
    return `  <Project name="${xmlAttr(p.name)}" activity="${building ? 'Building' : 'Sleeping'}" lastBuildStatus="${failed ? 'Failure' : 'Success'}" lastBuildLabel="${last % 10_000}" lastBuildTime="${finished}" webUrl="${xmlAttr(`${base}/job/${encodeURIComponent(p.name)}/`)}">${messages}</Project>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<Projects>\n${projects.join('\n')}\n</Projects>\n`;
}

/** A CI server's CCTray feed on /cc.xml, for the demo: a project breaks and recovers every few minutes. */
export const cctrayStandIn: StandInKind = {
  kind: 'cctray',
  description: 'A CI server serving a CCTray feed on /cc.xml; checkout-service breaks and recovers every few minutes',
  async start(port) {
    const server = http.createServer((req, res) => {
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      if (path !== '/cc.xml') {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('not found: the feed is /cc.xml\n');
        return;
      }
      const base = `http://${req.headers.host ?? `127.0.0.1:${port}`}`;
      res.writeHead(200, { 'content-type': 'application/xml; charset=utf-8' }).end(cctrayDemoFeed(Date.now(), base));
    });
    return serveHttpOnLoopback('cctray', server, port);
  },
};
