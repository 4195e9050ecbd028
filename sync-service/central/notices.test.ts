import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_NOTICES, DEMO_RULE_SETS, noticeCode, pagopaQr } from '../domain/index.ts';
import type { Notice } from '../protocol/index.ts';
import { buildCentralApp } from './app.ts';
import { GIULIA, NOTICE_BOOKING, NOTICE_FIXTURE_BOOKINGS, NOTICE_RUN_DATE } from './notice-fixtures.ts';
import { CentralRules } from './rules.ts';
import { SqliteCentralStore } from './sqlite-store.ts';
import { startCentral } from './start.ts';

const TOKEN = 'notice-admin-token-0123';
const ISSUED_AT = '2026-04-01T07:30:00.000Z';
const iuv = (n: number) => noticeCode({ aux: 3, segregation: '02', iuvBase: String(n).padStart(13, '0') });

let dir: string;
let store: SqliteCentralStore;
let app: FastifyInstance;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cupk-notices-'));
  store = await SqliteCentralStore.open(join(dir, 'central.db'));
  await store.addBookings(NOTICE_FIXTURE_BOOKINGS);
  await new CentralRules(store).seed(DEMO_RULE_SETS);
  app = buildCentralApp(store, { requireSignatures: false, adminToken: TOKEN, now: () => new Date(ISSUED_AT) });
});

afterEach(async () => {
  await app.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const issue = async (asOf?: string) => {
  const res = await app.inject({ method: 'POST', url: '/v1/admin/notices/issue', headers: { authorization: `Bearer ${TOKEN}` }, payload: asOf === undefined ? {} : { asOf } });
  expect(res.statusCode).toBe(200);
  return (res.json() as { issued: Notice[] }).issued;
};

describe('credit recovery run', () => {
  it('issues one notice per booking left unpaid before the run date, in appointment order, quoted for its day', async () => {
    // Giulia declared band 2 before her 2011 appointment: demo-3 adds 5 euro, not the 15 of no band.
    const declared = await app.inject({
      method: 'POST',
      url: '/v1/sync/batches',
      payload: {
        terminalId: 'kiosk-1',
        items: [{ seq: 1, key: 'band', kind: 'income-band', createdAt: '2011-10-03T08:00:00.000Z', payload: { declarationId: 'd1', taxCode: GIULIA, band: 2, declaredOn: '2011-10-03', declaredAt: '2011-10-03T08:00:00.000Z', terminalId: 'kiosk-1', statement: 'autocert-2011' } }],
      },
    });
    expect(declared.json().results[0].status).toBe('stored');

    const issued = await issue(NOTICE_RUN_DATE);
    expect(issued.map((n) => [n.bookingCode, n.amountCents, n.noticeCode])).toEqual([
      [NOTICE_BOOKING.old, 3415 + 500, iuv(1)],
      [NOTICE_BOOKING.unpaid, 2066, iuv(2)],
      [NOTICE_BOOKING.private, 12000, iuv(3)],
    ]);
    expect(issued[1]).toEqual({
      noticeCode: iuv(2),
      iuv: iuv(2).slice(1),
      creditorFiscalCode: '03399650104',
      creditorName: 'ASL 3 Genovese',
      bookingCode: NOTICE_BOOKING.unpaid,
      taxCode: 'RSSMRA85T10A562S',
      amountCents: 2066,
      subject: `Ticket non pagato, prenotazione ${NOTICE_BOOKING.unpaid.replace(/(\d{4})(\d{4})(\d{4})/, '$1 $2 $3')} del 02/03/2026`,
      dueDate: '2026-05-01',
      issuedAt: ISSUED_AT,
      status: 'payable',
      paidAt: null,
      paidBy: null,
      lock: null,
    });
    expect(await store.listNotices()).toHaveLength(3);
  });

  it('issues nothing twice: a second run, and two runs at once, find the notices there', async () => {
    const [a, b] = await Promise.all([issue(NOTICE_RUN_DATE), issue(NOTICE_RUN_DATE)]);
    expect([...a, ...b].map((n) => n.bookingCode).sort()).toEqual([NOTICE_BOOKING.old, NOTICE_BOOKING.unpaid, NOTICE_BOOKING.private].sort());
    expect(await issue(NOTICE_RUN_DATE)).toEqual([]);
    // A later run takes what fell due since, with the next number of the sequence.
    expect((await issue('2027-03-01')).map((n) => [n.bookingCode, n.noticeCode])).toEqual([[NOTICE_BOOKING.future, iuv(4)]]);
  });

  it('runs as of today (Europe/Rome) without asOf, and refuses a date that is not one', async () => {
    expect((await issue()).map((n) => n.dueDate)).toEqual(['2026-05-01', '2026-05-01', '2026-05-01']);
    const bad = await app.inject({ method: 'POST', url: '/v1/admin/notices/issue', headers: { authorization: `Bearer ${TOKEN}` }, payload: { asOf: '2026-02-30' } });
    expect([bad.statusCode, bad.json().error.code]).toEqual([400, 'DATE_INVALID']);
  });

  it('leaves a booking it cannot quote without a notice, and issues the others', async () => {
    const broken = { ...NOTICE_FIXTURE_BOOKINGS[1]!, code: '400000000896', exemptions: ['X99'] };
    await store.addBookings([broken]);
    expect((await issue(NOTICE_RUN_DATE)).map((n) => n.bookingCode)).toEqual([NOTICE_BOOKING.old, NOTICE_BOOKING.unpaid, NOTICE_BOOKING.private]);
  });

  it('uses the segregation code it was given', async () => {
    const other = buildCentralApp(store, { requireSignatures: false, adminToken: TOKEN, noticeSegregationCode: '47' });
    const res = await other.inject({ method: 'POST', url: '/v1/admin/notices/issue', headers: { authorization: `Bearer ${TOKEN}` }, payload: { asOf: NOTICE_RUN_DATE } });
    expect((res.json() as { issued: Notice[] }).issued.map((n) => n.noticeCode.slice(0, 3))).toEqual(['347', '347', '347']);
    await other.close();
    expect(() => buildCentralApp(store, { noticeSegregationCode: '4' })).toThrow(expect.objectContaining({ code: 'SEGREGATION_CODE_INVALID' }));
  });
});

describe('the embedded demo central', () => {
  it('holds exactly DEMO_NOTICES from its first start, and still only those after a restart', async () => {
    const dbFile = join(dir, 'demo.db');
    for (let start = 0; start < 2; start++) {
      const central = await startCentral({ dbFile, seedDemo: true });
      try {
        const held = (await central.store.listNotices()).sort((x, y) => (x.noticeCode < y.noticeCode ? -1 : 1));
        expect(held.map((n) => ({ noticeCode: n.noticeCode, creditorFiscalCode: n.creditorFiscalCode, creditorName: n.creditorName, bookingCode: n.bookingCode, taxCode: n.taxCode, amountCents: n.amountCents, subject: n.subject, dueDate: n.dueDate, qrText: pagopaQr(n) }))).toEqual(DEMO_NOTICES);
        expect(held.every((n) => n.status === 'payable')).toBe(true);
      } finally {
        await central.close();
      }
    }
  });
});
