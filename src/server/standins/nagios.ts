import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { checkJson, cgiEnvelope, cgiError, commentListJson, downtimeListJson, programStatusJson, statusDatChunks } from './nagios-formats.js';
import { nagiosScenario, type SimState } from './nagios-scenario.js';
import { listenOnLoopback, type RunningStandIn, type StandInKind } from './stand-in.js';

/** Credentials the stand-in accepts when a client sends any (the Debian package's defaults). */
export const NAGIOS_STANDIN_USER = 'nagiosadmin';
export const NAGIOS_STANDIN_PASSWORD = 'nagios';
const CGI_PATH = '/nagios4/cgi-bin/';
const STATUS_DAT_EVERY_MS = 5_000;

/** Where the stand-in on `port` keeps its status.dat: derived from the port, as StandInKind only gets a port. */
export function nagiosStandInStatusFile(port: number): string {
  return path.join(tmpdir(), `radiator-standin-nagios-${port}`, 'status.dat');
}

const UNAUTHORIZED_PAGE = `<?xml version="1.0" encoding="iso-8859-1"?>
<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN"
         "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml" xml:lang="en" lang="en">
 <head>
  <title>401 Unauthorized</title>
 </head>
 <body>
  <h1>401 Unauthorized</h1>
 </body>
</html>
`;

/**
 * A pretend Nagios Core 4 speaking the real wire formats: statusjson.cgi and objectjson.cgi under
 * /nagios4/cgi-bin/ (as Debian lays them out), and a status.dat rewritten every 5 s (see
 * nagiosStandInStatusFile). States move on a timetable: a service flips OK/WARNING/CRITICAL every
 * 40 s, another climbs SOFT attempts to HARD and recovers, one flaps; plus an acknowledged down host,
 * an unreachable one behind it, downtimes, each with who did it and why (commentlist, downtimelist). Like a Nagios with `default_user_name=nagiosadmin`,
 * requests without credentials are served; wrong credentials get lighttpd's 401 page.
 */
export const nagiosStandIn: StandInKind = {
  kind: 'nagios',
  description: 'A Nagios Core 4 with statusjson.cgi/objectjson.cgi and status.dat whose states change over time',
  async start(port) {
    const programStart = Date.now();
    const pid = 40_000 + (port % 10_000);
    const stateNow = () => nagiosScenario(programStart, Date.now());

    const server = http.createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://x');
      const user = authorizedUser(req.headers.authorization);
      if (user === null) {
        res.writeHead(401, { 'content-type': 'text/html', 'www-authenticate': 'Basic realm="Nagios Access", charset="UTF-8"' });
        res.end(UNAUTHORIZED_PAGE);
        return;
      }
      if (!url.pathname.startsWith(CGI_PATH)) {
        res.writeHead(url.pathname === '/' ? 200 : 404, { 'content-type': 'text/plain' });
        res.end(url.pathname === '/' ? `radiator demo Nagios: ${CGI_PATH}statusjson.cgi, ${CGI_PATH}objectjson.cgi\n` : 'not found\n');
        return;
      }
      const cgi = url.pathname.slice(CGI_PATH.length);
      const body = answer(cgi, url.searchParams, user, stateNow(), pid);
      res.writeHead(body ? 200 : 404, { 'content-type': body ? 'application/json; charset=utf-8' : 'text/plain', 'cache-control': 'no-store' });
      res.end(body ? JSON.stringify(body, null, 2) : 'not found\n');
    });

    const actual = await listenOnLoopback(server, port);
    // named after the real port, so port 0 (tests) works too
    const statusFile = nagiosStandInStatusFile(actual);
    let writing: Promise<void> = Promise.resolve();
    const writeStatusDat = () => {
      // a failed write (disk full, tmp cleaned) just leaves the previous file; the next tick retries
      writing = writing.then(() => writeAtomically(statusFile, stateNow(), pid)).catch(() => undefined);
    };
    writeStatusDat();
    const timer = setInterval(writeStatusDat, STATUS_DAT_EVERY_MS);
    timer.unref();
    await writing;
    return {
      kind: 'nagios',
      port: actual,
      async stop() {
        clearInterval(timer);
        await writing;
        // like Nagios on a clean shutdown
        await rm(path.dirname(statusFile), { recursive: true, force: true });
        await new Promise<void>((resolve) => {
          server.closeAllConnections();
          server.close(() => resolve());
        });
      },
    } satisfies RunningStandIn;
  },
};

/** The user a request acts as, or null when it sent credentials that are wrong. */
function authorizedUser(header: string | undefined): string | null {
  if (!header) return NAGIOS_STANDIN_USER;
  const [scheme, encoded] = header.split(' ');
  if (scheme?.toLowerCase() !== 'basic' || !encoded) return null;
  const decoded = Buffer.from(encoded, 'base64').toString('utf8');
  return decoded === `${NAGIOS_STANDIN_USER}:${NAGIOS_STANDIN_PASSWORD}` ? NAGIOS_STANDIN_USER : null;
}

function answer(cgi: string, params: URLSearchParams, user: string, state: SimState, pid: number): unknown {
  const query = params.get('query') ?? '';
  const details = params.get('details') === 'true';
  if (cgi === 'statusjson.cgi') {
    switch (query) {
      case 'programstatus':
        return cgiEnvelope(state, cgi, query, user, { programstatus: programStatusJson(state, pid) });
      case 'hostlist': {
        const hosts = state.checks.filter((c) => c.service === null);
        return cgiEnvelope(state, cgi, query, user, {
          hostlist: Object.fromEntries(hosts.map((c) => [c.host, details ? checkJson(c, state.now) : checkJson(c, state.now).status])),
        });
      }
      case 'servicelist': {
        const list: Record<string, Record<string, unknown>> = {};
        for (const c of state.checks) {
          if (c.service === null) continue;
          (list[c.host] ??= {})[c.service] = details ? checkJson(c, state.now) : checkJson(c, state.now).status;
        }
        return cgiEnvelope(state, cgi, query, user, { servicelist: list });
      }
      case 'commentlist':
        return cgiEnvelope(state, cgi, query, user, { commentlist: commentListJson(state) });
      case 'downtimelist':
        return cgiEnvelope(state, cgi, query, user, { downtimelist: downtimeListJson(state) });
      default:
        return cgiError(state, cgi, 6, 'Option Value Invalid', `The query option value '${query}' is invalid.`);
    }
  }
  if (cgi === 'objectjson.cgi') {
    if (query === 'hostgrouplist') {
      const groups: Record<string, { group_name: string; alias: string; members: string[]; notes: string; notes_url: string; action_url: string }> = {};
      for (const c of state.checks) {
        if (c.service !== null) continue;
        for (const g of c.hostgroups) (groups[g] ??= { group_name: g, alias: g, members: [], notes: '', notes_url: '', action_url: '' }).members.push(c.host);
      }
      return cgiEnvelope(state, cgi, query, user, { hostgrouplist: groups });
    }
    if (query === 'servicegrouplist') {
      const groups: Record<string, { group_name: string; alias: string; members: { host_name: string; service_description: string }[] }> = {};
      for (const c of state.checks) {
        if (c.service === null) continue;
        for (const g of c.servicegroups) (groups[g] ??= { group_name: g, alias: g, members: [] }).members.push({ host_name: c.host, service_description: c.service });
      }
      return cgiEnvelope(state, cgi, query, user, { servicegrouplist: groups });
    }
    return cgiError(state, cgi, 6, 'Option Value Invalid', `The query option value '${query}' is invalid.`);
  }
  return null;
}

/** Like Nagios: write a temp file, then rename, so readers never see half a file. */
async function writeAtomically(file: string, state: SimState, pid: number): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const temp = `${file}.tmp`;
  await pipeline(Readable.from(statusDatChunks(state, pid)), createWriteStream(temp));
  await rename(temp, file);
}
