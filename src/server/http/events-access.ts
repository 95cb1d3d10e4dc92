import type { FastifyReply, FastifyRequest } from 'fastify';
import type { RateLimitPluginOptions } from '@fastify/rate-limit';
import type { ApiConfig } from '../config/schema.js';
import { parseDurationMs } from '../config/duration.js';
import type { PushAccess, PushTokens, TokenCheck } from '../push/push-tokens.js';
import { plainLine } from '../../shared/plain-text.js';
import { sendError } from './error-reply.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The events API's bearer token check, made once as the request arrives (null on other routes). */
    pushCheck: TokenCheck | null;
  }
}

const CHALLENGE = 'Bearer realm="radiator"';

/** onRequest: who is asking, before the rate limit (which counts per token) and before any body is read. */
export function identifyPushToken(tokens: PushTokens) {
  return async (request: FastifyRequest): Promise<void> => {
    request.pushCheck = tokens.check(request.headers.authorization);
  };
}

/** The access of a request `requireToken` let through. */
export function pushAccessOf(request: FastifyRequest): PushAccess {
  if (!request.pushCheck?.ok) throw new Error('the events API answered a request without a valid token');
  return request.pushCheck.access;
}

/** preParsing: 401 with `WWW-Authenticate: Bearer` unless the request carries a configured token. */
export function requireToken(tokens: PushTokens) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const check = request.pushCheck;
    if (check?.ok) return;
    const problem = check?.problem ?? 'missing';
    const none = tokens.any ? '' : ' (no push source has tokens yet: give one `tokensEnv` in the config and set that variable)';
    const message =
      problem === 'missing'
        ? `a bearer token is required: send "Authorization: Bearer <token>" with a token from the push source's tokensEnv${none}`
        : problem === 'malformed'
          ? `the Authorization header is not "Bearer <token>"${none}`
          : `the bearer token is not valid for any push source (after a rotation, use the new token from the source's tokensEnv)${none}`;
    const challenge = problem === 'missing' ? CHALLENGE : `${CHALLENGE}, error="invalid_token"`;
    sendError(reply.header('www-authenticate', challenge), 401, message);
  };
}

/** preParsing: 415 for a body that is not declared JSON, before it is read. */
export async function requireJson(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  const type = request.headers['content-type'];
  if (type !== undefined && /^application\/json\s*(;|$)/i.test(type)) return;
  const got = type === undefined ? 'no Content-Type was given' : `got ${JSON.stringify(plainLine(type, 100))}`;
  sendError(reply, 415, `send the events as JSON with "Content-Type: application/json" (${got})`);
}

/**
 * @fastify/rate-limit's options for the events API: a budget per token, and a smaller one per
 * address for requests without a valid token (so guessing and broken clients cannot flood either).
 * Refusals are 429 with `Retry-After`, in the API's `{ error, status }` shape.
 */
export function eventsRateLimit(limits: ApiConfig['rateLimit']): RateLimitPluginOptions {
  const windowMs = parseDurationMs(limits.per);
  if (windowMs === null) throw new Error(`api.rateLimit.per ${JSON.stringify(limits.per)} is not a duration`);
  const windowText = `${windowMs / 1000} s`;
  return {
    global: true,
    timeWindow: windowMs,
    max: (_request, key) => (key.startsWith('token:') ? limits.requests : limits.requestsWithoutToken),
    keyGenerator: (request) => (request.pushCheck?.ok ? `token:${request.pushCheck.access.tokenId}` : `address:${request.ip}`),
    errorResponseBuilder: (request, context) => {
      const retry = Math.max(1, Math.ceil(context.ttl / 1000));
      const who = request.pushCheck?.ok
        ? `this token made more than ${context.max.toLocaleString('en')} requests in ${windowText}; send several events per request (an array)`
        : `more than ${context.max.toLocaleString('en')} requests without a valid token came from this address in ${windowText}`;
      return Object.assign(new Error(`too many requests: ${who}; retry after ${retry} s (Retry-After)`), { statusCode: 429 });
    },
  };
}
