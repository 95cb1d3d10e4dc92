import http from 'node:http';
import { serveHttpOnLoopback, type StandInKind } from './stand-in.js';

interface Endpoint {
  /** Typical latency in ms and how far it swings over a few minutes. */
  baseMs: number;
  swingMs: number;
  /** Chance of an occasional slow outlier, and of an error response. */
  spikeChance: number;
  errorChance: number;
}

const ENDPOINTS: Record<string, Endpoint> = {
  '/checkout': { baseMs: 120, swingMs: 90, spikeChance: 0.05, errorChance: 0 },
  '/search': { baseMs: 260, swingMs: 220, spikeChance: 0.12, errorChance: 0 },
  '/login': { baseMs: 35, swingMs: 20, spikeChance: 0.02, errorChance: 0.06 },
};

/**
 * A pretend web shop whose endpoints answer with drifting latency, outliers and the odd 503, so the
 * http probe has something real to measure in the demo and in tests.
 */
export const httpServiceStandIn: StandInKind = {
  kind: 'http',
  description: 'A web service with /checkout, /search and /login whose latency drifts over time',
  async start(port) {
    const server = http.createServer((req, res) => {
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      const endpoint = ENDPOINTS[path];
      if (!endpoint) {
        res.writeHead(path === '/' ? 200 : 404, { 'content-type': 'text/plain' });
        res.end(path === '/' ? `radiator demo service: ${Object.keys(ENDPOINTS).join(' ')}\n` : 'not found\n');
        return;
      }
      const wave = Math.sin((Date.now() / 180_000) * 2 * Math.PI); // one swing every 3 minutes
      let delay = endpoint.baseMs + wave * endpoint.swingMs * 0.5 + Math.random() * endpoint.swingMs * 0.5;
      if (Math.random() < endpoint.spikeChance) delay *= 3;
      const failing = Math.random() < endpoint.errorChance;
      setTimeout(() => {
        res.writeHead(failing ? 503 : 200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ ok: !failing, path }));
      }, Math.max(1, delay));
    });
    return serveHttpOnLoopback('http', server, port);
  },
};
