import http from 'node:http';
import { JENKINS_VIEWS, jenkinsScenario } from './jenkins-scenario.js';
import { parseTree, pruneToTree } from './jenkins-tree.js';
import { serveHttpOnLoopback, type RunningStandIn, type StandInKind } from './stand-in.js';

/** The user and API token the stand-in accepts when a client sends credentials. */
export const JENKINS_STANDIN_USER = 'radiator';
export const JENKINS_STANDIN_TOKEN = '11f0c0ffee5eed0fdecafbad0c0ffee0d';

const page = (title: string, text: string) =>
  `<!DOCTYPE html><html><head><title>${title} [Jenkins]</title></head><body><h1>${title}</h1><p>${text}</p></body></html>\n`;

/**
 * A pretend Jenkins serving `/api/json` and `/view/NAME/api/json` in the documented shapes, pruned
 * to the request's `tree=` as Stapler does (so an adapter that forgets to ask for a field does not
 * get it). Like a Jenkins with anonymous read, requests without credentials are served; wrong
 * credentials get Jenkins' 401 page, an unknown view its 404 page, a malformed tree a 400.
 */
export const jenkinsStandIn: StandInKind = {
  kind: 'jenkins',
  description: 'A Jenkins JSON API with folders, multibranch projects, every ball colour and a job that breaks and recovers',
  start: (port) => startJenkinsStandIn(port),
};

/** Starts the stand-in with its own clock (tests pass a fixed one to pick the scenario's moment). */
export async function startJenkinsStandIn(port: number, now: () => number = Date.now): Promise<RunningStandIn> {
  const started = now();
  const server = http.createServer((req, res) => {
    const send = (status: number, type: string, body: string, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', 'x-jenkins': '2.462.3', ...headers });
      res.end(body);
    };
    if (!authorized(req.headers.authorization)) {
      send(401, 'text/html;charset=utf-8', page('Unauthorized', `Invalid password/token for user: ${JENKINS_STANDIN_USER}`), { 'www-authenticate': 'Basic realm="Jenkins"' });
      return;
    }
    const url = new URL(req.url ?? '/', 'http://x');
    const match = /^\/(?:view\/([^/]+)\/)?api\/json\/?$/.exec(url.pathname);
    if (!match) {
      send(url.pathname === '/' ? 200 : 404, 'text/html;charset=utf-8', url.pathname === '/' ? page('Dashboard', 'radiator demo Jenkins: /api/json, /view/apps/api/json') : page('Not Found', 'Oops!'));
      return;
    }
    const view = match[1] === undefined ? 'all' : decodeURIComponent(match[1]);
    const listed = Object.hasOwn(JENKINS_VIEWS, view) ? JENKINS_VIEWS[view] : undefined;
    if (!listed) {
      send(404, 'text/html;charset=utf-8', page('Not Found', `No view named ${view.replace(/[<&]/g, '')}`));
      return;
    }
    const root = jenkinsScenario(started, now(), `http://${req.headers.host ?? `127.0.0.1:${port}`}`);
    const jobs = (root.jobs as { name: string }[]).filter((j) => listed === 'all' || listed.includes(j.name));
    const document = match[1] === undefined ? { ...root, jobs } : { _class: 'hudson.model.ListView', name: view, jobs };
    const tree = url.searchParams.get('tree');
    let body: unknown = document;
    if (tree !== null) {
      try {
        body = pruneToTree(document, parseTree(tree));
      } catch (err) {
        send(400, 'text/html;charset=utf-8', page('Bad Request', (err as Error).message.replace(/[<&]/g, '')));
        return;
      }
    }
    send(200, 'application/json;charset=utf-8', JSON.stringify(body));
  });
  return serveHttpOnLoopback('jenkins', server, port);
}

function authorized(header: string | undefined): boolean {
  if (!header) return true;
  const [scheme, encoded] = header.split(' ');
  if (scheme?.toLowerCase() !== 'basic' || !encoded) return false;
  return Buffer.from(encoded, 'base64').toString('utf8') === `${JENKINS_STANDIN_USER}:${JENKINS_STANDIN_TOKEN}`;
}
