import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseBadge } from '../../../kiosk/host/service/service-badge.ts';
import { openTerminalDb } from '../../../kiosk/host/terminal-db.ts';
import { cupk } from '../cli-harness.ts';

// `cupk service badge …` on a terminal's SQLite file: enrol, list, revoke.

let dir: string;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cupk-badge-cli-'));
  await (await openTerminalDb(join(dir, 'terminal.sqlite'), 'T-01')).db.close();
});

afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('cupk service badge', () => {
  it('enrols a badge whose code only the add shows, lists it without a secret, and revokes it once', async () => {
    const added = await cupk('service', 'badge', 'add', '--holder', 'Luca Ferri', '--technician', 'TEC-1', '--data', dir, '--json');
    expect(added.code).toBe(0);
    const badge = (added.json as { badge: { id: string; holder: string; code: string; createdAt: string; revokedAt: null } }).badge;
    expect(parseBadge(badge.code)).toEqual({ id: badge.id, secret: expect.stringMatching(/^[0-9A-F]{32}$/) });
    expect(badge).toMatchObject({ holder: 'Luca Ferri', revokedAt: null });

    const list = await cupk('service', 'badge', 'list', '--data', dir, '--json');
    expect(list.json).toEqual({ badges: [{ id: badge.id, holder: 'Luca Ferri', createdAt: expect.any(String), revokedAt: null }] });
    expect(list.stdout).not.toContain(parseBadge(badge.code)!.secret);
    expect((await cupk('service', 'badge', 'list', '--data', dir)).stdout).toMatch(new RegExp(`${badge.id}\\s+Luca Ferri.*valid`));

    const revoked = await cupk('service', 'badge', 'revoke', '--id', badge.id.toLowerCase(), '--data', dir, '--json');
    expect(revoked.json).toEqual({ badge: { id: badge.id, holder: 'Luca Ferri', createdAt: badge.createdAt, revokedAt: expect.any(String) } });
    const again = await cupk('service', 'badge', 'revoke', '--id', badge.id, '--data', dir, '--json');
    expect(again).toMatchObject({ code: 1, json: { error: { code: 'BADGE_ALREADY_REVOKED' } } });
    expect((await cupk('service', 'badge', 'revoke', '--id', 'FFFFFFFF', '--data', dir, '--json')).json).toMatchObject({ error: { code: 'BADGE_UNKNOWN' } });
  });

  it('wants a holder, and a terminal data folder that exists', async () => {
    expect((await cupk('service', 'badge', 'add', '--data', dir, '--json')).code).toBe(2);
    expect(await cupk('service', 'badge', 'list', '--data', join(dir, 'none'), '--json')).toMatchObject({ code: 1, json: { error: { code: 'TERMINAL_DATA_MISSING' } } });
  });
});
