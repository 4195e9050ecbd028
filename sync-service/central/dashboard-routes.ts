import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { registerDashboardApi } from './dashboard-api-routes.ts';
import { loginPage } from './dashboard-login-page.ts';
import { cookieValue, DASHBOARD_PATH, hardened, LOGIN_PATH, requireSession, sameOrigin, SESSION_COOKIE, sessionCookie } from './dashboard-session.ts';
import type { HealthThresholds } from './health-status.ts';
import type { CentralRules } from './rules.ts';
import type { StaffAuth } from './staff-auth.ts';
import type { CentralStore } from './store.ts';

export interface DashboardRoutesOptions {
  store: CentralStore;
  rules: CentralRules;
  auth: StaffAuth;
  now: () => Date;
  thresholds: HealthThresholds;
  /** Mark the cookie Secure even on plain HTTP (TLS ended by a proxy in front); default false: Secure when the request is https. */
  secureCookie?: boolean;
}

const here = join(import.meta.dirname, 'dashboard');
const uplotDist = join(createRequire(import.meta.url).resolve('uplot'), '..');
/** Longest login form accepted: a user name and a password, urlencoded. */
const LOGIN_BODY_LIMIT = 2048;

/** Read once: the page, its module and the chart library never change while the central runs. */
const ASSETS: Record<string, { type: string; file: string }> = {
  'dashboard.js': { type: 'text/javascript; charset=utf-8', file: join(here, 'dashboard.js') },
  'charts.js': { type: 'text/javascript; charset=utf-8', file: join(here, 'charts.js') },
  'uPlot.esm.js': { type: 'text/javascript; charset=utf-8', file: join(uplotDist, 'uPlot.esm.js') },
  'uPlot.min.css': { type: 'text/css; charset=utf-8', file: join(uplotDist, 'uPlot.min.css') },
};
const loaded = new Map<string, string>();
const asset = (file: string) => {
  let text = loaded.get(file);
  if (text === undefined) loaded.set(file, (text = readFileSync(file, 'utf8')));
  return text;
};

/**
 * The staff dashboard: /dashboard (the page), /dashboard/login and /dashboard/logout, its
 * scripts under /dashboard/assets and its data under /dashboard/api. Only the login form and
 * its stylesheet answer without a session.
 */
export function registerDashboardRoutes(app: FastifyInstance, o: DashboardRoutesOptions): void {
  void app.register(async (scope) => {
    // Forms only here: the API elsewhere stays JSON-only.
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: LOGIN_BODY_LIMIT }, (_request, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(body as string)));
    });
    const page = { preHandler: requireSession(o.auth, 'page') };

    scope.get(LOGIN_PATH, async (_request, reply) => hardened(reply).type('text/html; charset=utf-8').send(loginPage()));

    scope.get('/dashboard/dashboard.css', async (_request, reply) => hardened(reply).type('text/css; charset=utf-8').send(asset(join(here, 'dashboard.css'))));

    scope.post<{ Body: Record<string, string> | undefined }>(LOGIN_PATH, async (request, reply) => {
      hardened(reply);
      if (!sameOrigin(request)) return reply.status(403).type('text/html; charset=utf-8').send(loginPage({ error: 'This form must be sent from the dashboard itself.' }));
      const username = typeof request.body?.username === 'string' ? request.body.username.trim().toLowerCase() : '';
      const password = typeof request.body?.password === 'string' ? request.body.password : '';
      const outcome = await o.auth.login(username, password);
      if (!outcome.ok) {
        request.log.warn({ username, reason: outcome.reason }, 'dashboard login refused');
        const error = outcome.reason === 'STAFF_LOCKED' ? 'Too many failed attempts: this account is locked for a while. Try again later.' : 'Wrong user name or password.';
        return reply.status(401).type('text/html; charset=utf-8').send(loginPage({ error, username }));
      }
      request.log.info({ username }, 'dashboard login');
      return reply.header('set-cookie', sessionCookie(request, outcome.sessionId, Math.floor(o.auth.sessionMs / 1000), o.secureCookie)).redirect(DASHBOARD_PATH, 303);
    });

    scope.post('/dashboard/logout', async (request, reply) => {
      hardened(reply);
      if (!sameOrigin(request)) return reply.status(403).send({ error: { code: 'ORIGIN_REFUSED', message: 'log out from the dashboard itself' } });
      const id = cookieValue(request.headers.cookie, SESSION_COOKIE);
      if (id) await o.auth.logout(id);
      return reply.header('set-cookie', sessionCookie(request, '', 0, o.secureCookie)).redirect(LOGIN_PATH, 303);
    });

    scope.get(DASHBOARD_PATH, page, async (_request, reply) => hardened(reply).type('text/html; charset=utf-8').send(asset(join(here, 'index.html'))));

    scope.get<{ Params: { name: string } }>('/dashboard/assets/:name', page, async (request, reply) => {
      const a = Object.hasOwn(ASSETS, request.params.name) ? ASSETS[request.params.name] : undefined;
      if (!a) return reply.status(404).send({ error: { code: 'ROUTE_NOT_FOUND', message: 'no such asset' } });
      return hardened(reply).type(a.type).send(asset(a.file));
    });

    registerDashboardApi(scope, { ...o, session: requireSession(o.auth, 'data') });
  });
}
