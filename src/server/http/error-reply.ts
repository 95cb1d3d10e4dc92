import type { FastifyReply } from 'fastify';

/** The body of every refusal: `{ "error": "unknown board \"x\"", "status": 404 }` (the README's API). */
export function errorBody(status: number, message: string): { error: string; status: number } {
  return { error: message, status };
}

export function sendError(reply: FastifyReply, status: number, message: string): FastifyReply {
  return reply.code(status).header('cache-control', 'no-store').send(errorBody(status, message));
}
