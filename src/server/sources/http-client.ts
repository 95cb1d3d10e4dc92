import http from 'node:http';
import https from 'node:https';
import { plainLine } from '../../shared/plain-text.js';
import { displayUrl } from './url-option.js';

export interface HttpRequest {
  url: string;
  method?: 'GET' | 'HEAD' | 'POST';
  headers?: Record<string, string>;
  /**
   * Headers that carry secrets (a bearer token, an API key from headersEnv): like `auth`, sent to the
   * URL's own origin only, never after a redirect to another one.
   */
  secretHeaders?: Record<string, string>;
  body?: string;
  /** Basic auth credentials; sent to the URL's own origin only. */
  auth?: { username: string; password: string };
  /** Accept self-signed or otherwise unverifiable TLS certificates. */
  insecureTls?: boolean;
  /** PEM CA certificate(s) to trust instead of the system ones (e.g. Icinga 2's own CA). */
  ca?: string;
  /** Name to expect in the server's certificate when it differs from the URL's host (an IP, say). */
  tlsServerName?: string;
  /** Abort the body read (with a clear error) past this many bytes. Default 16 MiB. */
  maxBytes?: number;
  /**
   * Redirects (301, 302, 303, 307, 308 with a Location) followed, at most; more, or one back to a URL
   * already visited, is an error. Default 5; 0 answers the redirect itself.
   */
  maxRedirects?: number;
  signal: AbortSignal;
}

export interface HttpResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  /** Time from the start of the request to the end of the body. */
  elapsedMs: number;
  /** Time from the start of the request to the response headers. */
  firstByteMs: number;
  /** The URL that answered: `url` itself, or where its redirects led. */
  finalUrl: string;
  /** Redirects followed. */
  redirects: number;
}

const DEFAULT_MAX_BYTES = 16 * 1024 * 1024;
const DEFAULT_MAX_REDIRECTS = 5;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/**
 * One HTTP(S) request with bounded body size, abort support, bounded redirects and errors phrased for
 * a wall display. Used by every adapter that speaks HTTP, so they all fail the same readable way.
 * Times are of the whole chain: a redirect is part of what the user of the URL waits for.
 */
export async function httpRequest(req: HttpRequest): Promise<HttpResponse> {
  const started = performance.now();
  const maxRedirects = req.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
  const origin = new URL(req.url).origin;
  const visited = new Set<string>();
  let hop: Hop = { url: req.url, method: req.method ?? 'GET', body: req.body };
  for (let redirects = 0; ; redirects++) {
    visited.add(withoutHash(hop.url));
    // credentials go to the origin they were configured for, never to where a redirect points
    const credentials = new URL(hop.url).origin === origin;
    const response = await requestOnce(req, hop, credentials, started);
    const location = response.headers.location;
    if (!REDIRECTS.has(response.status) || !location || maxRedirects === 0) return { ...response, finalUrl: hop.url, redirects };
    const next = redirectTarget(location, hop.url);
    if (visited.has(withoutHash(next))) {
      throw new Error(`redirect loop: ${displayUrl(hop.url)} redirects (HTTP ${response.status}) back to ${displayUrl(next)}`);
    }
    if (redirects === maxRedirects) {
      throw new Error(`too many redirects: more than ${maxRedirects} from ${displayUrl(req.url)} (the last to ${displayUrl(next)})`);
    }
    // 303, and 301/302 after a POST, turn into a GET without body, as browsers do; 307/308 keep both
    const keepsMethod = response.status === 307 || response.status === 308 || (response.status !== 303 && hop.method !== 'POST');
    hop = keepsMethod ? { ...hop, url: next } : { url: next, method: hop.method === 'HEAD' ? 'HEAD' : 'GET', body: undefined };
  }
}

interface Hop {
  url: string;
  method: NonNullable<HttpRequest['method']>;
  body: string | undefined;
}

function redirectTarget(location: string, from: string): string {
  let next: URL;
  try {
    next = new URL(location, from);
  } catch {
    throw new Error(`invalid redirect from ${displayUrl(from)}: Location is not a URL`);
  }
  if (next.protocol !== 'http:' && next.protocol !== 'https:') {
    throw new Error(`redirect from ${displayUrl(from)} to an unsupported URL scheme ${next.protocol.slice(0, 20)}`);
  }
  return next.toString();
}

function withoutHash(url: string): string {
  const u = new URL(url);
  u.hash = '';
  return u.toString();
}

function requestOnce(req: HttpRequest, hop: Hop, credentials: boolean, started: number): Promise<Omit<HttpResponse, 'finalUrl' | 'redirects'>> {
  const url = new URL(hop.url);
  const client = url.protocol === 'https:' ? https : url.protocol === 'http:' ? http : null;
  if (!client) return Promise.reject(new Error(`unsupported URL scheme ${url.protocol} in ${displayUrl(hop.url)}`));
  const maxBytes = req.maxBytes ?? DEFAULT_MAX_BYTES;
  const headers: Record<string, string> = { 'user-agent': 'radiator', ...req.headers, ...(credentials ? req.secretHeaders : {}) };
  if (req.auth && credentials) {
    headers.authorization = `Basic ${Buffer.from(`${req.auth.username}:${req.auth.password}`).toString('base64')}`;
  }
  const where = { ...req, url: hop.url };

  return new Promise((resolve, reject) => {
    if (req.signal.aborted) {
      reject(abortError(req.signal, hop.url));
      return;
    }
    const request = client.request(
      url,
      {
        method: hop.method,
        headers,
        rejectUnauthorized: !req.insecureTls,
        ...(req.ca ? { ca: req.ca } : {}),
        ...(req.tlsServerName ? { servername: req.tlsServerName } : {}),
        signal: req.signal,
        agent: false,
      },
      (response) => {
        const firstByteMs = performance.now() - started;
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > maxBytes) {
            response.destroy(new ReadableError(`response body larger than ${formatBytes(maxBytes)} from ${displayUrl(hop.url)}`));
            return;
          }
          chunks.push(chunk);
        });
        response.on('error', (err) => reject(describeError(err, where)));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: Buffer.concat(chunks).toString('utf8'),
            elapsedMs: performance.now() - started,
            firstByteMs,
          }),
        );
      },
    );
    request.on('error', (err) => reject(describeError(err, where)));
    if (hop.body !== undefined) request.write(hop.body);
    request.end();
  });
}

/** An error whose message is already fit for the wall. */
class ReadableError extends Error {}

function abortError(signal: AbortSignal, url: string): Error {
  const reason = signal.reason instanceof Error ? signal.reason.message : String(signal.reason ?? 'aborted');
  return new Error(`${reason} (${displayUrl(url)})`);
}

function describeError(err: NodeJS.ErrnoException, req: HttpRequest): Error {
  if (err instanceof ReadableError) return err;
  if (req.signal.aborted) return abortError(req.signal, req.url);
  const where = new URL(req.url).host;
  switch (err.code) {
    case 'ECONNREFUSED':
      return new Error(`connection refused by ${where}`);
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new Error(`DNS lookup failed for ${new URL(req.url).hostname}`);
    case 'ECONNRESET':
      return new Error(`connection reset by ${where}`);
    case 'ETIMEDOUT':
    case 'ECONNABORTED':
      return new Error(`connection to ${where} timed out`);
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return new Error(`${where} is unreachable`);
    default:
      break;
  }
  if (err.code && /CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY/i.test(err.code)) {
    return new Error(`TLS error from ${where}: ${plainLine(err.message, 200)}`);
  }
  // Node's own words, but a parse error may quote what the server sent
  return new Error(`${plainLine(err.message, 200)} (${displayUrl(req.url)})`);
}

function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${Math.round(n / 1024 / 1024)} MiB` : `${Math.round(n / 1024)} KiB`;
}
