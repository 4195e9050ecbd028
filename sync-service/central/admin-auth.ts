import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { errorBody } from '../protocol/index.ts';

const sha256 = (text: string) => createHash('sha256').update(text).digest();

/**
 * A preValidation hook admitting `Authorization: Bearer <token>`, for the administrator's
 * routes. Both sides are hashed first so the comparison takes the same time whatever the
 * length of what was sent.
 */
export function adminOnly(token: string) {
  const expected = sha256(token);
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const header = request.headers.authorization;
    const sent = typeof header === 'string' && header.startsWith('Bearer ') ? header.slice('Bearer '.length) : undefined;
    if (sent === undefined || !timingSafeEqual(sha256(sent), expected)) {
      return void reply.status(401).send(errorBody('ADMIN_AUTH_INVALID', 'this route needs the administrator bearer token'));
    }
  };
}
