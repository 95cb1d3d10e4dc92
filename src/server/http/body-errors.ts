import type { FastifyError, FastifyRequest } from 'fastify';
import { uploadTooLargeMessage } from './perf-upload-body.js';

/**
 * Fastify's refusals of a request body, said so a sender knows what to change; null for any other
 * error. Only the events API reads bodies, so the advice is about events.
 */
export function bodyErrorMessage(error: FastifyError, request: FastifyRequest): string | null {
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE': {
      const upload = /^\/api\/v1\/perf\/([a-z0-9]+)$/.exec(request.routeOptions.url ?? '');
      if (upload) return uploadTooLargeMessage(upload[1]!);
      const limit = request.routeOptions.bodyLimit;
      const bytes = limit === undefined ? '' : ` of ${limit.toLocaleString('en')} bytes`;
      return `the request body is over this server's limit${bytes} (api.maxBodyBytes): send the events in smaller batches`;
    }
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return '$: the body is empty; send one event (a JSON object) or an array of events';
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return '$: the body is not valid JSON (or has a "__proto__" or "constructor.prototype" key); send one event (a JSON object) or an array of events';
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return 'the request body is not as long as its Content-Length says';
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return `${request.method} ${request.decodedPath} takes JSON: send it with "Content-Type: application/json"`;
    default:
      return null;
  }
}
