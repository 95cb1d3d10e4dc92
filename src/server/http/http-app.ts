import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import Fastify, { LogController, type ConnectionError, type FastifyError, type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { ServerLogger } from '../logger.js';
import { bodyErrorMessage } from './body-errors.js';
import { errorBody, sendError } from './error-reply.js';
import { MAX_PATH_LENGTH, parseRequestPath } from './request-path.js';
import { SECURITY_HEADERS } from './security-headers.js';

/**
 * What one HTTP request may cost. Only the events API reads a body (a batch of events; its own limit
 * is the config's `api.maxBodyBytes`); this one is for every other route. A client gets 10 s for its headers and 30 s for the whole request (slow-loris);
 * a connection idle for 90 s is closed. Socket.IO's long polls are held for at most its 20 s ping
 * interval, so they never meet these; its WebSockets leave HTTP's timeouts behind on upgrade.
 */
const HTTP_LIMITS = {
  bodyBytes: 256 * 1024,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  idleConnectionMs: 90_000,
  keepAliveMs: 72_000,
} as const;

export type HttpApp = FastifyInstance<Server, IncomingMessage, ServerResponse, ServerLogger, ZodTypeProvider>;

declare module 'fastify' {
  interface FastifyRequest {
    /** The request's path, percent-decoded and checked by request-path.ts before any route sees it. */
    decodedPath: string;
  }
}

/**
 * The Fastify instance every route is registered on (routes.ts): limits, timeouts, security headers,
 * zod for params and queries, and one shape for every refusal. No request path, however mangled,
 * reaches a route unchecked, gets a 500 or leaves a stack in the log.
 */
export function createHttpApp(logger: ServerLogger): HttpApp {
  const app = Fastify({
    loggerInstance: logger,
    // displays and scrapers poll /healthz and /metrics all day: no line per request (set the level to
    // debug to see them); failures are logged by the error handler below
    logController: new LogController({ disableRequestLogging: () => !logger.isLevelEnabled('debug') }),
    bodyLimit: HTTP_LIMITS.bodyBytes,
    http: { headersTimeout: HTTP_LIMITS.headersTimeoutMs },
    requestTimeout: HTTP_LIMITS.requestTimeoutMs,
    connectionTimeout: HTTP_LIMITS.idleConnectionMs,
    keepAliveTimeout: HTTP_LIMITS.keepAliveMs,
    forceCloseConnections: true,
    routerOptions: { ignoreTrailingSlash: true, ignoreDuplicateSlashes: true, maxParamLength: MAX_PATH_LENGTH },
    // targets the router cannot take apart (bad percent-encoding, over-long parameters)
    frameworkErrors: (_error, request, reply) => {
      reply.headers(SECURITY_HEADERS);
      const target = parseRequestPath(request.raw.url);
      if (!target.ok) return void sendError(reply, target.status, target.message);
      sendError(reply, 400, `malformed URL ${JSON.stringify((request.raw.url ?? '').slice(0, 200))}`);
    },
    clientErrorHandler: answerMalformedRequest,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  // people read the API with curl
  app.setReplySerializer((payload) => JSON.stringify(payload, null, 2));
  app.decorateRequest('decodedPath', '');
  app.addHook('onRequest', async (request, reply) => {
    reply.headers(SECURITY_HEADERS);
    const target = parseRequestPath(request.raw.url);
    if (!target.ok) return sendError(reply, target.status, target.message);
    request.decodedPath = target.path;
  });
  app.setErrorHandler<FastifyError>((error, request, reply) => {
    const status = typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 600 ? error.statusCode : 500;
    if (status < 500) return sendError(reply, status, bodyErrorMessage(error, request) ?? error.message);
    request.log.error({ err: error }, `${request.method} ${request.decodedPath || '(unparsed path)'} failed: ${error.message}`);
    return sendError(reply, status, 'internal error');
  });
  return app;
}

/**
 * Requests Node's HTTP parser refuses before Fastify sees them (not HTTP, headers over 16 KB, too
 * slow): answered with the same `{ error, status }` body as every other refusal, then closed.
 */
function answerMalformedRequest(error: ConnectionError, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, message] =
    error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
      ? [408, `the request did not arrive within ${HTTP_LIMITS.requestTimeoutMs / 1000} s`]
      : error.code === 'HPE_HEADER_OVERFLOW'
        ? [431, 'the request line and headers are larger than the server accepts (16 KB)']
        : [400, `malformed HTTP request (${error.code})`];
  const body = JSON.stringify(errorBody(status, message));
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\ncontent-type: application/json; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}
