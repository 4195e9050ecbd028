import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXPECTED_MONEY_DAY, EXPECTED_MONEY_HOURS, MONEY_BOOKINGS, MONEY_DAY, seedMoneyDay } from './money-fixtures.ts';
import { reconcile } from './money-reports.ts';
import { SqliteCentralStore } from './sqlite-store.ts';

// Reconciliation on the embedded store, over payments put in by ingest as terminals send them.

let dir: string;
let store: SqliteCentralStore;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cupk-money-'));
  store = await SqliteCentralStore.open(join(dir, 'central.db'));
  await seedMoneyDay(store);
});

afterAll(async () => {
  await store?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('money on the SQLite store', () => {
  it('reconciles a Rome day per terminal and per provider', async () => {
    const r = await reconcile(store, MONEY_DAY);
    expect(r.days).toHaveLength(1);
    const { totals, terminals, providers } = r.days[0]!;
    expect({ totals, terminals, providers }).toEqual(EXPECTED_MONEY_DAY);
    // What the providers are owed is what the terminals took for tickets.
    expect(providers.reduce((n, p) => n + p.paidCents, 0)).toBe(totals.itemsCents);
  });

  it('puts a payment made after midnight Rome time on the next day', async () => {
    const r = await reconcile(store, '2026-03-03');
    expect(r.days[0]!.terminals.map((t) => [t.terminalId, t.payments, t.collectedCents])).toEqual([['T1', 1, 500]]);
    expect(r.days[0]!.providers.map((p) => [p.name, p.paidCents, p.appointments, p.appointmentsPaid])).toEqual([
      ['E.O. Ospedali Galliera', 0, 1, 1],
      ['ASL 3 Genovese', 500, 2, 2],
    ]);
    const range = await reconcile(store, '2026-03-01', '2026-03-03');
    expect(range.totals.payments).toBe(5);
    expect(range.totals.collectedCents).toBe(EXPECTED_MONEY_DAY.totals.collectedCents + 500);
  });

  it('counts payments per Rome hour', async () => {
    expect(await store.paymentsByHour(MONEY_DAY, MONEY_DAY)).toEqual(EXPECTED_MONEY_HOURS);
  });

  it('lists unpaid tickets after their day with their notices', async () => {
    const page = await store.unpaidTickets('2026-03-04', 10);
    expect([page.count, page.withNotice, page.noticeCents]).toEqual([2, 1, 2066]);
    expect(page.tickets.map((t) => [t.booking.code, t.notice?.amountCents ?? null])).toEqual([
      [MONEY_BOOKINGS.unpaidWithNotice.code, 2066],
      [MONEY_BOOKINGS.unpaidGalliera.code, null],
    ]);
    expect((await store.unpaidTickets('2026-03-02', 10)).count).toBe(0);
    const first = await store.unpaidTickets('2026-03-04', 1);
    expect([first.count, first.tickets.length]).toEqual([2, 1]);
  });

  it('lists the conflicts to resolve', async () => {
    expect((await store.conflicts(10)).map((c) => [c.terminalId, c.kind, c.reason, c.key])).toEqual([['T2', 'payment', 'BOOKING_ALREADY_PAID', 'T2-3']]);
  });
});
