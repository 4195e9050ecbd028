import { CupError } from '@cup-kiosk/sync-service/domain';
import { badgeSecretHash, newBadge } from '../../host/service/service-badge.ts';
import { ServiceStore, type BadgeRecord } from '../../host/service/service-store.ts';
import { requiredOption, stringOption, UsageError, type Command, type Values } from '../command.ts';
import { dataOption, withTerminalDb } from './terminal-data.ts';

const options = { ...dataOption, technician: { type: 'string' as const } };
const by = (values: Values) => stringOption(values, 'technician') ?? 'technician';
/** A badge as listed: never its secret, which exists only on the badge itself. */
const listed = (b: BadgeRecord) => ({ id: b.id, holder: b.holder, createdAt: b.createdAt, revokedAt: b.revokedAt });

const withStore = <T>(values: Values, fn: (s: ServiceStore) => Promise<T>) => withTerminalDb(values, async (t) => fn(await ServiceStore.open(t.db)));

export const serviceBadgeAdd: Command = {
  path: ['service', 'badge', 'add'],
  usage: 'cupk service badge add --holder NAME [--technician ID] [--data DIR] [--json]',
  summary: "enrol a technician's badge on this terminal; prints the code to put on it (shown once)",
  options: { ...options, holder: { type: 'string' } },
  run: (_p, values) => {
    const holder = requiredOption(values, 'holder').trim();
    if (holder.length === 0 || holder.length > 60) throw new UsageError('--holder is the name on the badge, 1 to 60 characters');
    return withStore(values, async (store) => {
      const badge = newBadge();
      const saved = await store.addBadge({ id: badge.id, holder, secretHash: badgeSecretHash(badge.secret) }, by(values));
      return { badge: { ...listed(saved), code: badge.code } };
    });
  },
};

export const serviceBadgeList: Command = {
  path: ['service', 'badge', 'list'],
  usage: 'cupk service badge list [--data DIR] [--json]',
  summary: 'badges enrolled on this terminal, revoked ones too',
  options: dataOption,
  run: (_p, values) => withStore(values, async (store) => ({ badges: (await store.badges()).map(listed) })),
  human: (r) => {
    const { badges } = r as { badges: ReturnType<typeof listed>[] };
    if (badges.length === 0) return 'no badges';
    return badges.map((b) => `${b.id}  ${b.holder.padEnd(24)}  ${b.createdAt.slice(0, 10)}  ${b.revokedAt ? `revoked ${b.revokedAt.slice(0, 10)}` : 'valid'}`).join('\n');
  },
};

export const serviceBadgeRevoke: Command = {
  path: ['service', 'badge', 'revoke'],
  usage: 'cupk service badge revoke --id ID [--technician ID] [--data DIR] [--json]',
  summary: 'revoke a lost or returned badge: it no longer opens service mode',
  options: { ...options, id: { type: 'string' } },
  run: (_p, values) => {
    const id = requiredOption(values, 'id').trim().toUpperCase();
    return withStore(values, async (store) => {
      const badge = await store.badge(id);
      if (!badge) throw new CupError('BADGE_UNKNOWN', `no badge ${id} on this terminal`);
      if (!(await store.revokeBadge(id, by(values)))) throw new CupError('BADGE_ALREADY_REVOKED', `badge ${id} was revoked on ${badge.revokedAt}`);
      return { badge: listed((await store.badge(id))!) };
    });
  },
};

export const BADGE_COMMANDS = [serviceBadgeAdd, serviceBadgeList, serviceBadgeRevoke];
