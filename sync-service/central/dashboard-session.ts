import type { FastifyReply, FastifyRequest } from 'fastify';
import type { StaffAuth } from './staff-auth.ts';
import type { StaffSession } from './store.ts';

/** The dashboard's session cookie and the checks every dashboard request goes through. */

export const SESSION_COOKIE = 'cupk_staff';
export const DASHBOARD_PATH = '/dashboard';
export const LOGIN_PATH = '/dashboard/login';

declare module 'fastify' {
  interface FastifyRequest {
    /** The staff session of a dashboard request, once `requireSession` admitted it. */
    staff?: StaffSession;
  }
}

/** One cookie's value from the Cookie header. */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/** Secure when the request came over TLS (or through a TLS proxy the app trusts). */
const secure = (request: FastifyRequest, forceSecure: boolean) => forceSecure || request.protocol === 'https';

/** HttpOnly, SameSite=Strict, scoped to the dashboard; `maxAgeS` 0 clears it. */
export function sessionCookie(request: FastifyRequest, value: string, maxAgeS: number, forceSecure = false): string {
  return [`${SESSION_COOKIE}=${value}`, `Path=${DASHBOARD_PATH}`, `Max-Age=${maxAgeS}`, 'HttpOnly', 'SameSite=Strict', ...(secure(request, forceSecure) ? ['Secure'] : [])].join('; ');
}

/**
 * A state-changing request must come from a page of this same origin: its Origin (or, when a
 * browser sends none, its Referer) names our scheme and host, and Sec-Fetch-Site, when sent,
 * says same-origin. Cross-site form posts (CSRF) fail here before anything is read.
 */
export function sameOrigin(request: FastifyRequest): boolean {
  const site = request.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin') return false;
  const ours = originOf(`${request.protocol}://${request.headers.host ?? ''}`);
  const origin = request.headers.origin;
  const sent = typeof origin === 'string' && origin !== 'null' ? origin : request.headers.referer;
  return ours !== undefined && typeof sent === 'string' && originOf(sent) === ours;
}

/** scheme://host[:port] as the URL standard spells it (no default port), or undefined. */
function originOf(text: string): string | undefined {
  try {
    return new URL(text).origin;
  } catch {
    return undefined;
  }
}

/** Headers of every dashboard answer: no framing, no caching, scripts and styles of our own only. */
export function hardened(reply: FastifyReply): FastifyReply {
  return reply
    .header('content-security-policy', "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'; base-uri 'none'")
    .header('x-frame-options', 'DENY')
    .header('x-content-type-options', 'nosniff')
    .header('referrer-policy', 'same-origin')
    .header('cache-control', 'no-store');
}

/**
 * A preHandler admitting only requests with a valid session: pages answer 302 to the login
 * form, data endpoints 401, so a script sees why.
 */
export function requireSession(auth: StaffAuth, kind: 'page' | 'data') {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const session = await auth.session(cookieValue(request.headers.cookie, SESSION_COOKIE));
    if (session) {
      request.staff = session;
      return;
    }
    hardened(reply);
    if (kind === 'page') return void reply.redirect(LOGIN_PATH, 302);
    return void reply.status(401).send({ error: { code: 'STAFF_SESSION_REQUIRED', message: 'log in at /dashboard/login first' } });
  };
}
