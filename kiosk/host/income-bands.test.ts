import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CupError, demoBooking, type Booking } from '@cup-kiosk/sync-service/domain';
import { IncomeBandPayloadSchema } from '@cup-kiosk/sync-service/protocol';
import { BookingQuotes } from './booking-quotes.ts';
import { IncomeBands } from './income-bands.ts';
import { incomeBandOutboxKey } from './income-band-store.ts';
import type { CentralPort, DeclaredIncomeBand } from './ports.ts';
import { openTerminalDb, type TerminalDb } from './terminal-db.ts';

// Bands declared at this terminal against what the central answers: the newest is the one
// every quote uses, before the sync and offline too.

const MARIO = 'RSSMRA85T10A562S';

let dir: string;
let tdb: TerminalDb;
let now: Date;
/** What the central answers for Mario; 'offline' makes it unreachable. */
let atCentral: DeclaredIncomeBand | null | 'offline';
let kicks: number;

const central: CentralPort = {
  lookupBooking: async (code) => structuredClone(demoBooking(code)) as Booking,
  incomeBand: async (taxCode) => {
    if (atCentral === 'offline') throw new CupError('CENTRAL_UNREACHABLE', 'no route to the central');
    return taxCode === MARIO ? atCentral : null;
  },
  kick: () => kicks++,
};

const bands = (o: { store?: boolean } = {}) =>
  new IncomeBands({ ...(o.store === false ? {} : { store: tdb.incomeBands }), central, terminalId: 'K-1', now: () => now });

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cupk-bands-'));
  tdb = await openTerminalDb(join(dir, 'terminal.sqlite'), 'K-1');
  now = new Date('2026-12-03T10:00:00+01:00');
  atCentral = null;
  kicks = 0;
});

afterEach(async () => {
  await tdb.db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('declaring a band', () => {
  it('records it and its outbox item, with the payload the central reads, then asks for a sync', async () => {
    const declared = await bands().declare({ taxCode: ` ${MARIO.toLowerCase()} `, band: 2 });
    expect(declared).toEqual({ declarationId: expect.any(String), band: 2, declaredOn: '2026-12-03' });
    const item = await tdb.outbox.get(incomeBandOutboxKey(declared.declarationId));
    expect(item).toMatchObject({ kind: 'income-band', status: 'pending' });
    expect(IncomeBandPayloadSchema.parse(item!.payload)).toEqual({
      declarationId: declared.declarationId,
      taxCode: MARIO,
      band: 2,
      declaredOn: '2026-12-03',
      declaredAt: '2026-12-03T09:00:00.000Z',
      terminalId: 'K-1',
      statement: 'autocert-reddito-v1',
    });
    expect(await tdb.db.all('SELECT tax_code, band, declared_on FROM income_band_declarations')).toEqual([{ tax_code: MARIO, band: 2, declared_on: '2026-12-03' }]);
    expect(kicks).toBe(1);
  });

  it('writes neither the declaration nor the outbox item when one of them fails', async () => {
    const enqueue = tdb.outbox.enqueue.bind(tdb.outbox);
    tdb.outbox.enqueue = async () => {
      throw new CupError('OUTBOX_PAYLOAD_INVALID', 'refused');
    };
    await expect(bands().declare({ taxCode: MARIO, band: 3 })).rejects.toMatchObject({ code: 'OUTBOX_PAYLOAD_INVALID' });
    tdb.outbox.enqueue = enqueue;
    expect(await tdb.db.all('SELECT * FROM income_band_declarations')).toEqual([]);
    expect(await tdb.outbox.backlog()).toBe(0);
    expect(kicks).toBe(0);
  });

  it.each([0, 5, 2.5, '2', null, undefined])('refuses band %s with INCOME_BAND_INVALID and records nothing', async (band) => {
    await expect(bands().declare({ taxCode: MARIO, band: band as never })).rejects.toMatchObject({ code: 'INCOME_BAND_INVALID' });
    expect(await tdb.outbox.backlog()).toBe(0);
  });

  it('refuses a codice fiscale that is not one with its TAX_CODE_* code', async () => {
    await expect(bands().declare({ taxCode: 'RSSMRA85T10A562T', band: 1 })).rejects.toMatchObject({ code: 'TAX_CODE_CHECK' });
    await expect(bands().declare({ taxCode: 'RSSMRA', band: 1 })).rejects.toMatchObject({ code: 'TAX_CODE_FORMAT' });
    await expect(bands().current('RSSMRA85T10A562T')).rejects.toMatchObject({ code: 'TAX_CODE_CHECK' });
    expect(await tdb.outbox.backlog()).toBe(0);
  });

  it('is refused by a terminal without the record, so nothing is lost unsaid', async () => {
    await expect(bands({ store: false }).declare({ taxCode: MARIO, band: 1 })).rejects.toMatchObject({ code: 'INCOME_BAND_NOT_TAKEN' });
  });
});

describe('the band in force', () => {
  it('is none when nobody declared one', async () => {
    expect(await bands().current(MARIO)).toEqual({ band: null, declaredOn: null });
  });

  it("is the central's when none was taken here, and when it is newer than the one taken here", async () => {
    atCentral = { band: 3, declaredOn: '2026-11-20', declaredAt: '2026-11-20T08:00:00.000Z' };
    expect(await bands().current(MARIO)).toEqual({ band: 3, declaredOn: '2026-11-20' });
    await bands().declare({ taxCode: MARIO, band: 1 });
    // Later the same day Mario declared again at a pharmacy, and the central has it.
    atCentral = { band: 4, declaredOn: '2026-12-03', declaredAt: '2026-12-03T09:30:00.000Z' };
    expect(await bands().current(MARIO)).toEqual({ band: 4, declaredOn: '2026-12-03' });
  });

  it('is the one taken here when newer than what the central says, and offline', async () => {
    atCentral = { band: 3, declaredOn: '2026-12-03', declaredAt: '2026-12-03T08:59:59.000Z' };
    await bands().declare({ taxCode: MARIO, band: 1 });
    expect(await bands().current(MARIO)).toEqual({ band: 1, declaredOn: '2026-12-03' });
    atCentral = 'offline';
    expect(await bands().current(MARIO)).toEqual({ band: 1, declaredOn: '2026-12-03' });
  });

  it('is the newest of several taken here, and none before the first was declared', async () => {
    await bands().declare({ taxCode: MARIO, band: 4 });
    now = new Date('2026-12-03T10:05:00+01:00');
    await bands().declare({ taxCode: MARIO, band: 2 });
    expect((await bands().current(MARIO)).band).toBe(2);
    expect(await bands().inForce(MARIO, '2026-12-02')).toBeNull();
    expect((await bands().current('BNCGLI90E50H501O')).band).toBeNull();
  });
});

describe('quotes', () => {
  it('change with the band declared here, at once, under a rule set with band quotas', async () => {
    // 6 October 2011: demo-3 in force, 0 to 15 euro by band; no band declared means band 4.
    now = new Date('2011-10-06T10:00:00+02:00');
    const quotes = new BookingQuotes(central, tdb.payments, bands(), undefined, () => now);
    expect(await quotes.find('123456789092')).toMatchObject({ ruleVersion: 'demo-3', amountDueCents: 3228 + 1500 });
    await bands().declare({ taxCode: MARIO, band: 2 });
    expect(await quotes.find('123456789092')).toMatchObject({ ruleVersion: 'demo-3', amountDueCents: 3228 + 500 });
    atCentral = 'offline';
    expect((await quotes.find('123456789092')).amountDueCents).toBe(3228 + 500);
  });
});
