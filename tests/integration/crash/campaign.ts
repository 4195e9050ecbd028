import { judgeValue } from '@cup-kiosk/terminal-drivers/cash';
import { DEMO_BOOKINGS, type Booking } from '@cup-kiosk/sync-service/domain';
import type { BeginPaymentInput, TerminalEvent } from '../../../kiosk/bridge/terminal-api.ts';
import type { DeviceTruth } from '../../../kiosk/host/sim-controls.ts';
import { seeded } from '../../seeded-random.ts';
import type { TerminalClient } from './terminal-client.ts';

/** Pieces of the crash campaign that are not about processes: bookings, the rig, the hand. */

/** The campaign's generator: seeded, so a failing campaign can be run again as it was. */
export const rng = seeded;

/** A 12-digit booking code with valid check digits (the whole code ≡ 1 mod 97). */
export function bookingCode(n: number): string {
  const base = 71_000_000_00 + n;
  for (let c = 0; c < 100; c++) {
    const code = base * 100 + c;
    if (code % 97 === 1) return String(code).padStart(12, '0');
  }
  throw new Error('no check digits');
}

/** Bookings of one service each, with tariffs under the cap, so every one quotes a different amount. */
export function campaignBookings(count: number, random: () => number): Booking[] {
  const template = DEMO_BOOKINGS[0]!;
  return Array.from({ length: count }, (_, i) => ({
    ...structuredClone(template),
    code: bookingCode(i),
    prescriptions: [{ services: [{ code: '89.7A.3', description: 'Visita di controllo', tariffCents: 300 + Math.floor(random() * 3300) }] }],
  }));
}

/** What `beginPayment` is asked for one campaign booking. */
export function paymentInput(booking: Booking, method: 'cash' | 'card', cardCents?: number): BeginPaymentInput {
  return { items: [{ kind: 'booking', bookingCode: booking.code }], taxCode: booking.taxCode, method, ...(cardCents === undefined ? {} : { cardCents }) };
}

export async function rigGet(rigUrl: string): Promise<DeviceTruth> {
  return (await (await fetch(`${rigUrl}/api/truth`)).json()) as DeviceTruth;
}

export async function rigPost(rigUrl: string, path: string, body: unknown): Promise<Record<string, unknown>> {
  const r = await fetch(`${rigUrl}/api/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const json = (await r.json()) as Record<string, unknown>;
  if (!r.ok) throw new Error(`${path}: ${JSON.stringify(json)}`);
  return json;
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Waits until the host has read every event the acceptors hold and no hopper is paying. */
export async function waitQuiet(rigUrl: string, timeoutMs = 15_000): Promise<DeviceTruth> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const t = await rigGet(rigUrl);
    const quiet = t.coins.polledCounter === t.coins.counter && t.bills.polledCounter === t.bills.counter && t.bills.escrowCents === null && t.hoppers.every((h) => !h.paying);
    if (quiet || Date.now() > deadline) return t;
    await sleep(50);
  }
}

const COINS = [200, 100, 50, 20, 10, 5];
const BILLS = [5000, 2000, 1000, 500];

/**
 * What a citizen puts in next: bills and 2 € coins while much is left, then one coin or bill that
 * pays the rest with change the hoppers can give (a 5 c coin first when the rest ends in 5, since
 * no hopper pays 5 c), and exact coins where no change is possible.
 */
export function nextValue(dueCents: number, creditedCents: number, truth: DeviceTruth, random: () => number): { kind: 'coin' | 'bill'; cents: number } {
  const rest = dueCents - creditedCents;
  const hopperStock: Record<number, number> = {};
  for (const h of truth.hoppers) hopperStock[h.valueCents] = (hopperStock[h.valueCents] ?? 0) + h.stock;
  const ok = (v: number) => judgeValue({ dueCents, creditedCents, hopperStock }, v).acceptable;
  if (rest > 500) {
    const bill = BILLS.find((b) => b <= rest);
    if (bill && random() < 0.8) return { kind: 'bill', cents: bill };
    return { kind: 'coin', cents: 200 };
  }
  if (rest % 10 === 5) return { kind: 'coin', cents: 5 };
  const over = [...COINS.filter((c) => c > rest && ok(c)).map((c) => ({ kind: 'coin' as const, cents: c })), ...(random() < 0.15 ? BILLS.filter((b) => b > rest && ok(b)).slice(-1).map((b) => ({ kind: 'bill' as const, cents: b })) : [])];
  if (over.length > 0) return over[Math.floor(random() * over.length)]!;
  return { kind: 'coin', cents: COINS.find((c) => c <= rest && ok(c)) ?? 5 };
}

/** Puts a coin or bill in. `taken`: the device took it (or holds the bill in escrow); else it gave it straight back. */
export async function drop(rigUrl: string, v: { kind: 'coin' | 'bill'; cents: number }): Promise<{ taken: boolean; stackedBefore: number }> {
  const stackedBefore = (await rigGet(rigUrl)).bills.stacked.length;
  const { outcome } = await rigPost(rigUrl, v.kind, { cents: v.cents });
  // Given back by the device: the hand waits for the host to read the event, as a citizen would.
  if (outcome !== 'accepted' && outcome !== 'escrow') await waitQuiet(rigUrl, 2_000);
  return { taken: outcome === 'accepted' || outcome === 'escrow', stackedBefore };
}

/**
 * The payment's credit once the host reported `v` taken: the new credited total, or null for a bill
 * the host sent back from escrow (its change could no longer be given).
 */
export async function creditFor(
  c: TerminalClient,
  rigUrl: string,
  p: { paymentId: string; creditedCents: number },
  v: { kind: 'coin' | 'bill'; cents: number },
  stackedBefore: number,
): Promise<number | null> {
  const credit = await c.waitFor(isCredit(p.paymentId, p.creditedCents + v.cents), 8_000).catch(async (e: unknown) => {
    if (v.kind === 'bill' && (await rigGet(rigUrl)).bills.stacked.length === stackedBefore) return null;
    throw e;
  });
  return credit ? credit.creditedCents : null;
}

/** Runs `check` until it finds no problem (a write may still be landing), at most 20 times; the last result. */
export async function untilClean<T extends { problems: string[] }>(check: () => Promise<T>): Promise<T> {
  let last = await check();
  for (let i = 1; i < 20 && last.problems.length > 0; i++) {
    await sleep(150);
    last = await check();
  }
  return last;
}

export const isCredit = (paymentId: string, creditedCents: number) => (e: TerminalEvent): e is Extract<TerminalEvent, { type: 'cash.credit' }> =>
  e.type === 'cash.credit' && e.paymentId === paymentId && e.creditedCents >= creditedCents;

export const isCommitted = (paymentId: string) => (e: TerminalEvent): e is Extract<TerminalEvent, { type: 'payment.committed' }> =>
  e.type === 'payment.committed' && e.paymentId === paymentId;
