import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RequestSigner } from '../client/http.ts';
import { generateTerminalKey, terminalSigner } from '../client/signer.ts';
import { normalizeBookingCode } from '../domain/index.ts';
import type { SlotHoldResponse, SlotSearchResponse } from '../protocol/index.ts';
import { AGENDA_NOW, AGENDA_PRESCRIPTIONS, AGENDA_SLOTS, BIANCHI, LATE_SLOT, NRE, PAST_SLOT, ROSSI, VISIT_B_ORDER } from './agenda-fixtures.ts';
import { buildCentralApp } from './app.ts';
import { hashEnrolmentCode } from './auth.ts';
import { SqliteCentralStore } from './sqlite-store.ts';

const MINUTE = 60_000;
let dir: string;
let store: SqliteCentralStore;
let app: FastifyInstance;
let clock: number;
let kiosk1: RequestSigner;
let kiosk2: RequestSigner;

async function enrol(terminalId: string): Promise<RequestSigner> {
  const keys = generateTerminalKey();
  const at = new Date(clock).toISOString();
  await store.putEnrolmentCode(terminalId, hashEnrolmentCode(`code-${terminalId}`), at, new Date(clock + MINUTE).toISOString());
  expect(await store.enrolTerminal(terminalId, hashEnrolmentCode(`code-${terminalId}`), keys.publicKey, at)).toBe(true);
  return terminalSigner({ terminalId, privateKey: keys.privateKey, now: () => new Date(clock) });
}

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cupk-agenda-routes-'));
  store = await SqliteCentralStore.open(join(dir, 'central.db'));
  await store.addPrescriptions(AGENDA_PRESCRIPTIONS);
  await store.addSlots(AGENDA_SLOTS);
  clock = AGENDA_NOW;
  app = buildCentralApp(store, { now: () => new Date(clock) });
  kiosk1 = await enrol('kiosk-1');
  kiosk2 = await enrol('kiosk-2');
});

afterEach(async () => {
  await app.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

async function send(sign: RequestSigner | null, method: 'GET' | 'POST', url: string, body?: unknown) {
  const payload = body === undefined ? '' : JSON.stringify(body);
  const headers = { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(sign ? await sign({ method, path: url, body: payload, clockOffsetMs: 0 }) : {}) };
  return app.inject({ method, url, headers, ...(body === undefined ? {} : { payload }) });
}
const search = (sign: RequestSigner, nre: string, taxCode = ROSSI, limit?: number) => send(sign, 'POST', '/v1/slots/search', { nre, taxCode, ...(limit ? { limit } : {}) });
const hold = (sign: RequestSigner, slotId: string, nre: string = NRE.visitB, taxCode = ROSSI) => send(sign, 'POST', `/v1/slots/${encodeURIComponent(slotId)}/hold`, { nre, taxCode });
const release = (sign: RequestSigner, holdId: string) => send(sign, 'POST', `/v1/holds/${encodeURIComponent(holdId)}/release`);
const slotIds = (res: { json(): unknown }) => (res.json() as SlotSearchResponse).slots.map((s) => s.slotId);
const code = (res: { json(): unknown }) => (res.json() as { error: { code: string } }).error.code;

describe('prescriptions of a citizen', () => {
  it('lists the open ones, newest first; a bad tax code is TAX_CODE_INVALID', async () => {
    const res = await send(kiosk1, 'GET', `/v1/citizens/${ROSSI.toLowerCase()}/prescriptions`);
    expect(res.statusCode).toBe(200);
    const listed = res.json().prescriptions as { nre: string; issuedOn: string; status: string }[];
    expect(listed.map((p) => p.nre)).toEqual([NRE.neurologyU, '0701B2000417411', NRE.ultrasoundD, '0701B2000417435']);
    expect(listed.every((p) => p.status === 'open')).toBe(true);
    const bad = await send(kiosk1, 'GET', '/v1/citizens/RSSMRA85T10A562X/prescriptions');
    expect([bad.statusCode, code(bad)]).toEqual([400, 'TAX_CODE_INVALID']);
  });

  it('answers only signed requests of enrolled terminals', async () => {
    expect((await send(null, 'GET', `/v1/citizens/${ROSSI}/prescriptions`)).statusCode).toBe(401);
    expect((await send(null, 'POST', '/v1/slots/search', { nre: NRE.visitB, taxCode: ROSSI })).statusCode).toBe(401);
    expect((await send(null, 'POST', `/v1/slots/${encodeURIComponent(VISIT_B_ORDER[0]!)}/hold`, { nre: NRE.visitB, taxCode: ROSSI })).statusCode).toBe(401);
  });
});

describe('slot search', () => {
  it('answers free slots from now to the deadline, earliest first, ties by provider', async () => {
    const res = await search(kiosk1, NRE.visitB);
    expect(res.statusCode).toBe(200);
    const body = res.json() as SlotSearchResponse;
    expect(body.deadline).toBe('2026-06-11T06:00:00.000Z');
    expect(body.prescription).toMatchObject({ nre: NRE.visitB, priority: 'B', status: 'open', bookingCode: null });
    expect(body.slots.map((s) => s.slotId)).toEqual(VISIT_B_ORDER);
    expect(body.slots.map((s) => s.slotId)).not.toContain(PAST_SLOT);
    expect(body.slots.map((s) => s.slotId)).not.toContain(LATE_SLOT);
    expect(body.slots[3]).toMatchObject({ intramoenia: true, startsAt: '2026-06-04T15:00' });
    expect(slotIds(await search(kiosk1, NRE.visitB, ROSSI, 2))).toEqual(VISIT_B_ORDER.slice(0, 2));
  });

  it('answers no slot when none is in time (the waiting list case)', async () => {
    const body = (await search(kiosk1, NRE.neurologyU)).json() as SlotSearchResponse;
    expect([body.slots, body.deadline]).toEqual([[], '2026-06-04T06:00:00.000Z']);
  });

  it('refuses a bad NRE, an unknown prescription, and another citizen\'s', async () => {
    const bad = await search(kiosk1, '9991B2000417411');
    expect([bad.statusCode, code(bad), bad.json().error.details.check]).toEqual([400, 'BAD_NRE', 'region']);
    const unknown = await search(kiosk1, '0701B2000999999');
    expect([unknown.statusCode, code(unknown)]).toEqual([404, 'PRESCRIPTION_UNKNOWN']);
    const other = await search(kiosk1, NRE.bianchiB, ROSSI);
    expect([other.statusCode, code(other)]).toEqual([403, 'PRESCRIPTION_NOT_YOURS']);
    expect((await search(kiosk1, NRE.bianchiB, BIANCHI)).statusCode).toBe(200);
  });
});

describe('holds', () => {
  it('holds a slot 10 minutes with a booking code issued for it, and hides it from searches', async () => {
    const res = await hold(kiosk1, VISIT_B_ORDER[0]!);
    expect(res.statusCode).toBe(200);
    const held = res.json() as SlotHoldResponse;
    expect(held.heldUntil).toBe(new Date(AGENDA_NOW + 10 * MINUTE).toISOString());
    expect(held.booking.code).toMatch(/^2\d{11}$/);
    expect(normalizeBookingCode(held.booking.code)).toBe(held.booking.code);
    expect(held.booking).toMatchObject({ taxCode: ROSSI, startsAt: '2026-06-02T09:00', status: 'booked', exemptions: ['031'], provider: { id: 'asl3-genovese' } });
    expect(held.booking.prescriptions[0]?.services.map((s) => s.code)).toEqual(['89.7A.3', '89.52']);
    expect(slotIds(await search(kiosk2, NRE.visitB))).toEqual(VISIT_B_ORDER.slice(1));
  });

  it('gives a slot held from two terminals to the first; the second is told SLOT_TAKEN', async () => {
    const [a, b] = await Promise.all([hold(kiosk1, VISIT_B_ORDER[0]!), hold(kiosk2, VISIT_B_ORDER[0]!)]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    expect(code(a.statusCode === 409 ? a : b)).toBe('SLOT_TAKEN');
  });

  it('extends the hold of the same terminal and prescription, same id and code', async () => {
    const first = (await hold(kiosk1, VISIT_B_ORDER[0]!)).json() as SlotHoldResponse;
    clock += 5 * MINUTE;
    const again = (await hold(kiosk1, VISIT_B_ORDER[0]!)).json() as SlotHoldResponse;
    expect([again.holdId, again.booking.code]).toEqual([first.holdId, first.booking.code]);
    expect(again.heldUntil).toBe(new Date(clock + 10 * MINUTE).toISOString());
  });

  it('lets another terminal take a slot whose hold lapsed; the first can no longer release it', async () => {
    const first = (await hold(kiosk1, VISIT_B_ORDER[0]!)).json() as SlotHoldResponse;
    clock += 10 * MINUTE + 1;
    const second = await hold(kiosk2, VISIT_B_ORDER[0]!);
    expect(second.statusCode).toBe(200);
    expect((second.json() as SlotHoldResponse).holdId).not.toBe(first.holdId);
    expect((second.json() as SlotHoldResponse).booking.code).not.toBe(first.booking.code);
    expect((await release(kiosk1, first.holdId)).json()).toEqual({ released: false });
    expect(code(await hold(kiosk1, VISIT_B_ORDER[0]!))).toBe('SLOT_TAKEN');
  });

  it("releases the holder's hold only, and the slot is free again", async () => {
    const held = (await hold(kiosk1, VISIT_B_ORDER[0]!)).json() as SlotHoldResponse;
    expect((await release(kiosk2, held.holdId)).json()).toEqual({ released: false });
    expect((await release(kiosk1, held.holdId)).json()).toEqual({ released: true });
    expect((await release(kiosk1, held.holdId)).json()).toEqual({ released: false });
    expect(slotIds(await search(kiosk2, NRE.visitB))).toEqual(VISIT_B_ORDER);
    expect((await hold(kiosk2, VISIT_B_ORDER[0]!)).statusCode).toBe(200);
  });

  it('refuses a slot outside the deadline, in the past, of another service or unknown', async () => {
    const late = await hold(kiosk1, LATE_SLOT);
    expect([late.statusCode, code(late)]).toEqual([409, 'SLOT_OUT_OF_DEADLINE']);
    expect(code(await hold(kiosk1, PAST_SLOT))).toBe('SLOT_OUT_OF_DEADLINE');
    const other = await hold(kiosk1, 'asl3-genovese:88.76.1:2026-06-20T09:00');
    expect([other.statusCode, code(other)]).toEqual([404, 'SLOT_UNKNOWN']);
    expect(code(await hold(kiosk1, 'nowhere:89.7A.3:2026-06-02T09:00'))).toBe('SLOT_UNKNOWN');
    const notYours = await hold(kiosk1, VISIT_B_ORDER[0]!, NRE.visitB, BIANCHI);
    expect([notYours.statusCode, code(notYours)]).toEqual([403, 'PRESCRIPTION_NOT_YOURS']);
  });
});
