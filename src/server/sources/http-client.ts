import http from 'node:http';
import https from 'node:https';
import { displayUrl } from './url-option.js';

export interface HttpRequest {
  url: string;
  method?: 'GET' | 'HEAD' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  /** Basic auth credentials. */
  auth?: { username: string; password: string };
  /** Accept self-signed or otherwise unverifiable TLS certificates. */
  insecureTls?: boolean;
  /** PEM CA certificate(s) to trust instead of the system ones (e.g. Icinga 2's own CA). */
  ca?: string;
  /** Name to expect in the server's certificate when it differs from the URL's host (an IP, say). */
  tlsServerName?: string;
  /** Abort the body read (with a clear error) past this many bytes. Default 16 MiB. */
  maxBytes?: number;
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
}

const DEFAULT_MAX_BYTES = 16 * 1024 * 1024;

/**
 * One HTTP(S) request with bounded body size, abort support and errors phrased for a wall display.
 * Used by every adapter that speaks HTTP, so they all fail the same readable way.
 */
export function httpRequest(req: HttpRequest): Promise<HttpResponse> {
  const url = new URL(req.url);
  const client = url.protocol === 'https:' ? https : url.protocol === 'http:' ? http : null;
  if (!client) return Promise.reject(new Error(`unsupported URL scheme ${url.protocol} in ${displayUrl(req.url)}`));
  const maxBytes = req.maxBytes ?? DEFAULT_MAX_BYTES;
  const headers: Record<string, string> = { 'user-agent': 'radiator', ...req.headers };
  if (req.auth) {
    headers.authorization = `Basic ${Buffer.from(`${req.auth.username}:${req.auth.password}`).toString('base64')}`;
  }
  const started = performance.now();

  return new Promise<HttpResponse>((resolve, reject) => {
    if (req.signal.aborted) {
      reject(abortError(req.signal, req.url));
      return;
    }
    const request = client.request(
      url,
      {
        method: req.method ?? 'GET',
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
            response.destroy(new ReadableError(`response body larger than ${formatBytes(maxBytes)} from ${displayUrl(req.url)}`));
            return;
          }
          chunks.push(chunk);
        });
        response.on('error', (err) => reject(describeError(err, req)));
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
    request.on('error', (err) => reject(describeError(err, req)));
    if (req.body !== undefined) request.write(req.body);
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
    return new Error(`TLS error from ${where}: ${err.message}`);
  }
  return new Error(`${err.message} (${displayUrl(req.url)})`);
}

function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${Math.round(n / 1024 / 1024)} MiB` : `${Math.round(n / 1024)} KiB`;
}
