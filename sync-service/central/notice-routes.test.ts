import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { matrix } from 'qr-image';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_RULE_SETS, noticeCode, pagopaQr } from '../domain/index.ts';
import type { Notice } from '../protocol/index.ts';
import { buildCentralApp } from './app.ts';
import { groupNoticeCode } from './notice-pdf.ts';
import { GIULIA, MARIO, NOTICE_BOOKING, NOTICE_FIXTURE_BOOKINGS, NOTICE_RUN_DATE } from './notice-fixtures.ts';
import { CentralRules } from './rules.ts';
import { SqliteCentralStore } from './sqlite-store.ts';

const TOKEN = 'notice-admin-token-0123';
const START = Date.parse('2026-04-01T07:30:00.000Z');
const MINUTE = 60_000;
/** Well formed, never issued. */
const NEVER = noticeCode({ aux: 3, segregation: '02', iuvBase: '0000000099999' });

let dir: string;
let store: SqliteCentralStore;
let app: FastifyInstance;
let clock: number;
let unpaid: Notice;
let old: Notice;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cupk-notice-routes-'));
  store = await SqliteCentralStore.open(join(dir, 'central.db'));
  await store.addBookings(NOTICE_FIXTURE_BOOKINGS);
  await new CentralRules(store).seed(DEMO_RULE_SETS);
  clock = START;
  app = buildCentralApp(store, { requireSignatures: false, adminToken: TOKEN, now: () => new Date(clock), compressPdf: false });
  const issued = (await app.inject({ method: 'POST', url: '/v1/admin/notices/issue', headers: { authorization: `Bearer ${TOKEN}` }, payload: { asOf: NOTICE_RUN_DATE } })).json().issued as Notice[];
  unpaid = issued.find((n) => n.bookingCode === NOTICE_BOOKING.unpaid)!;
  old = issued.find((n) => n.bookingCode === NOTICE_BOOKING.old)!;
});

afterEach(async () => {
  await app.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const post = (url: string, payload: Record<string, unknown>) => app.inject({ method: 'POST', url, payload });
const lock = (noticeCode: string, paymentId: string) => post('/v1/notices/lock', { noticeCode, paymentId });
const admin = (url: string) => app.inject({ url, headers: { authorization: `Bearer ${TOKEN}` } });
const at = (minutes: number) => new Date(START + minutes * MINUTE).toISOString();

describe('notice routes for terminals', () => {
  it('verifies a notice, typed or grouped, and answers what a terminal shows', async () => {
    const res = await post('/v1/notices/verify', { noticeCode: unpaid.noticeCode.replace(/(\d{4})/g, '$1 ') });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      noticeCode: unpaid.noticeCode,
      creditorFiscalCode: '03399650104',
      creditorName: 'ASL 3 Genovese',
      subject: unpaid.subject,
      bookingCode: NOTICE_BOOKING.unpaid,
      taxCode: MARIO,
      amountCents: 2066,
      dueDate: '2026-05-01',
      status: 'payable',
      lockedUntil: null,
    });
  });

  it.each([
    ['too short', '30200000000000028'],
    ['letters', '30200000000000028A'],
    ['wrong check digits', `${'3020000000000000'}99`],
    ['empty', ''],
  ])('answers 400 BAD_NOTICE for a code %s', async (_what, noticeCode) => {
    for (const url of ['/v1/notices/verify', '/v1/notices/lock', '/v1/notices/release']) {
      const res = await post(url, { noticeCode, paymentId: 'p1' });
      expect([res.statusCode, res.json().error.code]).toEqual([400, 'BAD_NOTICE']);
    }
  });

  it('answers 404 NOTICE_UNKNOWN for a well-formed code never issued', async () => {
    expect((await post('/v1/notices/verify', { noticeCode: NEVER })).json().error.code).toBe('NOTICE_UNKNOWN');
    expect((await lock(NEVER, 'p1')).statusCode).toBe(404);
  });

  it('locks for ten minutes, extends for the same payment, refuses another until it expires', async () => {
    expect((await lock(unpaid.noticeCode, 'pay-a')).json()).toEqual({ lockedUntil: at(10) });
    expect((await post('/v1/notices/verify', { noticeCode: unpaid.noticeCode })).json().lockedUntil).toBe(at(10));
    clock = START + 4 * MINUTE;
    expect((await lock(unpaid.noticeCode, 'pay-a')).json()).toEqual({ lockedUntil: at(14) });
    const other = await lock(unpaid.noticeCode, 'pay-b');
    expect([other.statusCode, other.json().error.code]).toEqual([409, 'NOTICE_LOCKED']);
    // Another notice is not held by that lock.
    expect((await lock(old.noticeCode, 'pay-b')).statusCode).toBe(200);
    clock = START + 14 * MINUTE;
    expect((await lock(unpaid.noticeCode, 'pay-b')).json()).toEqual({ lockedUntil: at(24) });
    expect((await post('/v1/notices/verify', { noticeCode: unpaid.noticeCode })).json().lockedUntil).toBe(at(24));
  });

  it("releases only the holder's lock, answering 200 either way", async () => {
    await lock(unpaid.noticeCode, 'pay-a');
    const stranger = await post('/v1/notices/release', { noticeCode: unpaid.noticeCode, paymentId: 'pay-b' });
    expect([stranger.statusCode, stranger.json()]).toEqual([200, { released: false }]);
    expect((await lock(unpaid.noticeCode, 'pay-b')).json().error.code).toBe('NOTICE_LOCKED');
    expect((await post('/v1/notices/release', { noticeCode: unpaid.noticeCode, paymentId: 'pay-a' })).json()).toEqual({ released: true });
    expect((await post('/v1/notices/verify', { noticeCode: unpaid.noticeCode })).json().lockedUntil).toBeNull();
    expect((await lock(unpaid.noticeCode, 'pay-b')).statusCode).toBe(200);
  });

  it('refuses to lock a cancelled notice', async () => {
    await store.db.run("UPDATE notices SET status = 'cancelled' WHERE notice_code = ?", [unpaid.noticeCode]);
    expect((await lock(unpaid.noticeCode, 'pay-a')).json().error.code).toBe('NOTICE_CANCELLED');
    expect((await post('/v1/notices/verify', { noticeCode: unpaid.noticeCode })).json().status).toBe('cancelled');
  });

  it("lists a citizen's unpaid bookings without a notice and their payable notices", async () => {
    const res = await app.inject('/v1/citizens/rssmra85t10a562s/unpaid');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.bookings.map((b: { code: string }) => b.code)).toEqual([NOTICE_BOOKING.future]);
    expect(body.notices.map((n: { noticeCode: string }) => n.noticeCode)).toEqual([unpaid.noticeCode]);
    expect((await app.inject(`/v1/citizens/${GIULIA}/unpaid`)).json().notices).toHaveLength(2);
    const bad = await app.inject('/v1/citizens/RSSMRA85T10A562T/unpaid');
    expect([bad.statusCode, bad.json().error.code, bad.json().error.details.reason]).toEqual([400, 'TAX_CODE_INVALID', 'TAX_CODE_CHECK']);
  });
});

describe('notice routes for the administrator', () => {
  it('need the bearer token, and exist only when the central has one', async () => {
    for (const url of ['/v1/admin/notices', `/v1/admin/notices/${unpaid.noticeCode}/pdf`]) expect((await app.inject(url)).json().error.code).toBe('ADMIN_AUTH_INVALID');
    const open = buildCentralApp(store, { requireSignatures: false });
    expect((await open.inject({ method: 'POST', url: '/v1/admin/notices/issue', payload: {} })).statusCode).toBe(404);
    await open.close();
  });

  it('lists notices by debtor and status', async () => {
    expect((await admin('/v1/admin/notices')).json().notices).toHaveLength(3);
    expect((await admin(`/v1/admin/notices?taxCode=${GIULIA.toLowerCase()}`)).json().notices.map((n: Notice) => n.bookingCode).sort()).toEqual([NOTICE_BOOKING.old, NOTICE_BOOKING.private].sort());
    expect((await admin('/v1/admin/notices?status=paid')).json().notices).toEqual([]);
    expect((await admin('/v1/admin/notices?status=lost')).json().error.code).toBe('REQUEST_INVALID');
    expect((await admin('/v1/admin/notices?taxCode=XYZ')).json().error.code).toBe('TAX_CODE_INVALID');
  });

  it('prints a notice as a PDF with its grouped code, its amount and the QR of its QR text', async () => {
    const res = await admin(`/v1/admin/notices/${unpaid.noticeCode}/pdf`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const pdf = res.rawPayload;
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = pdfText(pdf);
    expect(groupNoticeCode('302000000000000184')).toBe('3020 0000 0000 0001 84');
    expect(text).toContain(groupNoticeCode(unpaid.noticeCode));
    expect(text).toContain('20,66\u00a0€');
    expect(text).toContain('entro il 01/05/2026');
    expect(text).toContain(`Codice fiscale ${MARIO}`);
    // One filled square per dark module of the QR text's symbol, row by row, column by column.
    const symbol = matrix(pagopaQr(unpaid), 'M') as number[][];
    const dark = symbol.flatMap((row, y) => row.flatMap((on, x) => (on ? [`${x},${y}`] : [])));
    const squares = [...pdf.toString('latin1').matchAll(/^([\d.]+) ([\d.]+) ([\d.]+) [\d.]+ re$/gm)].map((m) => m.slice(1, 4).map(Number) as [number, number, number]);
    const [left, top, side] = [Math.min(...squares.map((q) => q[0])), Math.min(...squares.map((q) => q[1])), squares[0]![2]];
    expect(squares.map(([x, y]) => `${Math.round((x - left) / side)},${Math.round((y - top) / side)}`)).toEqual(dark);
    // At least 2.5 cm across (72 points to the inch).
    expect((side * symbol.length * 2.54) / 72).toBeGreaterThan(2.5);
    expect((await admin(`/v1/admin/notices/${NEVER}/pdf`)).statusCode).toBe(404);
    expect((await admin('/v1/admin/notices/12345/pdf')).json().error.code).toBe('BAD_NOTICE');
  });

  it('documents the notice routes in the OpenAPI document', async () => {
    const doc = (await app.inject('/openapi.json')).json();
    for (const path of ['/v1/notices/verify', '/v1/notices/lock', '/v1/notices/release', '/v1/citizens/{taxCode}/unpaid', '/v1/admin/notices/issue', '/v1/admin/notices', '/v1/admin/notices/{noticeCode}/pdf']) {
      expect(doc.paths[path], path).toBeDefined();
    }
    expect(doc.paths['/v1/notices/lock'].post.security).toEqual([{ terminalSignature: [] }]);
    expect(Object.keys(doc.components.schemas)).toEqual(expect.arrayContaining(['NoticeView', 'Notice', 'PaymentPayload']));
  });
});

/** The text a PDF shows, from its uncompressed TJ arrays (pdfkit writes WinAnsi bytes as hex; 0x80 is the euro sign). */
function pdfText(pdf: Buffer): string {
  const lines: string[] = [];
  for (const [, array] of pdf.toString('latin1').matchAll(/\[(.*?)\] TJ/g)) {
    const hex = [...array!.matchAll(/<([0-9a-f]*)>/g)].map((m) => m[1]).join('');
    lines.push(Buffer.from(hex, 'hex').toString('latin1').replaceAll('\x80', '€'));
  }
  return lines.join('\n');
}
