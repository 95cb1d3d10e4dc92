import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { plainLine } from '../../shared/plain-text.js';
import type { PerfFormat } from '../perf/importers/perf-formats.js';
import { PERF_UPLOAD_BYTES, PERF_UPLOAD_TYPES } from '../push/perf-upload.js';
import { sendError } from './error-reply.js';

/**
 * In the scope of the perf upload routes only: bodies are kept as text (JSON included), because
 * the importers parse the tool's file themselves and name the line of a syntax error.
 */
export function takeRawUploads(scope: FastifyInstance): void {
  scope.removeAllContentTypeParsers();
  scope.addContentTypeParser(['application/json', 'text/csv', 'text/plain'], { parseAs: 'string' }, (_request, body, done) => done(null, body));
}

/** preParsing: 415 unless the body is declared as the format is written (JSON, or CSV for JTL), before it is read. */
export function requireUploadType(format: PerfFormat) {
  const types = PERF_UPLOAD_TYPES[format];
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const type = request.headers['content-type'];
    const essence = type?.split(';')[0]!.trim().toLowerCase();
    if (essence !== undefined && types.includes(essence)) return;
    const got = type === undefined ? 'no Content-Type was given' : `got ${JSON.stringify(plainLine(type, 100))}`;
    sendError(reply, 415, `send the ${format} file as it was written with "Content-Type: ${types.join('" or "')}" (${got})`);
  };
}

/** The 413 sentence for an upload over its format's limit. */
export function uploadTooLargeMessage(format: string): string | null {
  const limit = PERF_UPLOAD_BYTES[format as PerfFormat];
  if (limit === undefined) return null;
  return `the ${format} file is over the ${limit.toLocaleString('en')} bytes this server reads for that format: post a shorter run, or aggregate it first`;
}
