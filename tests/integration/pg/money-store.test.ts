import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { reconcile, type CentralStore } from '../../../sync-service/central/index.ts';
import { EXPECTED_MONEY_DAY, EXPECTED_MONEY_HOURS, MONEY_BOOKINGS, MONEY_DAY, seedMoneyDay } from '../../../sync-service/central/money-fixtures.ts';
import { conflictResolutionsFor } from '../../../sync-service/central/conflict-resolutions.ts';
import { bothStores, type OpenedStore } from './both-stores.ts';

// Money reconciliation, unpaid tickets, conflicts and staff accounts on both stores, over
// payments put in by ingest: the two stores must answer the same sums to the cent.

const STORES = bothStores('cupk-money-contract-');

describe.each(STORES)('money and staff on %s', (_name, open) => {
  let opened: OpenedStore;
  let store: CentralStore;

  beforeEach(async () => {
    opened = await open();
    store = opened.store;
    await seedMoneyDay(store);
  });
  afterEach(async () => {
    await opened.cleanup();
  });

  it('reconciles per Rome day, terminal and provider', async () => {
    const { days } = await reconcile(store, MONEY_DAY);
    expect({ totals: days[0]!.totals, terminals: days[0]!.terminals, providers: days[0]!.providers }).toEqual(EXPECTED_MONEY_DAY);
    const range = await reconcile(store, '2026-03-01', '2026-03-03');
    expect(range.days.map((d) => [d.day, d.totals.payments, d.totals.collectedCents])).toEqual([
      ['2026-03-01', 0, 0],
      ['2026-03-02', 4, 9745],
      ['2026-03-03', 1, 500],
    ]);
    expect(await store.paymentsByHour(MONEY_DAY, MONEY_DAY)).toEqual(EXPECTED_MONEY_HOURS);
  });

  it('lists unpaid tickets and conflicts', async () => {
    const page = await store.unpaidTickets('2026-03-04', 10);
    expect([page.count, page.withNotice, page.noticeCents]).toEqual([2, 1, 2066]);
    expect(page.tickets.map((t) => [t.booking.code, t.booking.status, t.notice?.amountCents ?? null])).toEqual([
      [MONEY_BOOKINGS.unpaidWithNotice.code, 'booked', 2066],
      [MONEY_BOOKINGS.unpaidGalliera.code, 'booked', null],
    ]);
    expect((await store.conflicts(5)).map((c) => [c.key, c.reason, c.seq])).toEqual([['T2-3', 'BOOKING_ALREADY_PAID', 3]]);
    // Marked resolved once, only a conflict, and read back by key.
    const resolutions = conflictResolutionsFor(store);
    const done = { key: 'T2-3', resolvedBy: 'anna', resolvedAt: '2026-03-04T10:00:00.000Z', note: 'rimborsato allo sportello' };
    await resolutions.resolve(done);
    await expect(resolutions.resolve({ ...done, note: 'ancora' })).rejects.toMatchObject({ code: 'CONFLICT_ALREADY_RESOLVED' });
    await expect(resolutions.resolve({ ...done, key: 'T2-1' })).rejects.toMatchObject({ code: 'CONFLICT_UNKNOWN' });
    expect([...(await resolutions.of(['T2-3', 'T2-1'])).values()]).toEqual([done]);
  });

  it('keeps staff accounts, counts failures atomically, and ends sessions of a disabled account', async () => {
    const account = { username: 'anna', passwordHash: 'scrypt$x', role: 'staff' as const, createdAt: '2026-03-02T08:00:00.000Z', disabledAt: null, failedLogins: 0, lockedUntil: null };
    expect(await store.putStaffAccount(account)).toBe(true);
    expect(await store.putStaffAccount({ ...account, role: 'admin' })).toBe(false);
    const failures = await Promise.all(Array.from({ length: 6 }, () => store.staffLoginFailed('anna', 5, '2026-03-02T09:00:00.000Z')));
    expect(failures.sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(await store.getStaffAccount('anna')).toMatchObject({ failedLogins: 6, lockedUntil: '2026-03-02T09:00:00.000Z' });
    await store.staffLoginSucceeded('anna');
    await store.createStaffSession({ idHash: 'h1', username: 'anna', createdAt: '2026-03-02T08:00:00.000Z', expiresAt: '2026-03-02T16:00:00.000Z' });
    expect(await store.staffSession('h1', '2026-03-02T10:00:00.000Z')).toMatchObject({ username: 'anna', role: 'staff' });
    expect(await store.staffSession('h1', '2026-03-02T16:00:00.000Z')).toBeUndefined();
    expect(await store.setStaffDisabled('anna', '2026-03-02T10:00:00.000Z')).toBe(true);
    expect(await store.staffSession('h1', '2026-03-02T10:00:00.000Z')).toBeUndefined();
    expect(await store.setStaffDisabled('nobody', '2026-03-02T10:00:00.000Z')).toBe(false);
    expect(await store.putStaffAccount({ ...account, role: 'admin' }, true)).toBe(true);
    expect((await store.listStaffAccounts()).map((a) => [a.username, a.role, a.disabledAt, a.failedLogins])).toEqual([['anna', 'admin', null, 0]]);
  });
});
