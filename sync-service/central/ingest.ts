import { createHash } from 'node:crypto';
import { IncomeBandPayloadSchema, PaymentPayloadSchema, type SyncItem, type SyncItemResult } from '../protocol/index.ts';
import type { CentralStore, CentralTx, TransactionRecord } from './store.ts';

/** Why an item was not applied; stable codes the terminal and the CUP desk act on. */
export type ConflictReason =
  | 'BOOKING_ALREADY_PAID'
  | 'BOOKING_CANCELLED'
  | 'BOOKING_NOT_FOUND'
  | 'PAYMENT_ID_REUSED'
  | 'DECLARATION_ID_REUSED'
  | 'PAYLOAD_INVALID'
  | 'TERMINAL_MISMATCH'
  | 'KIND_UNKNOWN'
  | 'IDEMPOTENCY_KEY_REUSED'
  | 'SEQUENCE_REUSED'
  | 'RULE_VERSION_UNKNOWN';

export interface IngestContext {
  /** Rule set versions the central knows; a payment quoted under another is a conflict. Unset: not checked. */
  ruleVersions?: ReadonlySet<string>;
}

/** A kind's rules: either a conflict reason, or the effects to apply once the item is recorded. */
type Handler = (tx: CentralTx, terminalId: string, item: SyncItem, context: IngestContext) => Promise<{ conflict: ConflictReason } | { apply: () => Promise<void> }>;

const payment: Handler = async (tx, terminalId, item, context) => {
  const parsed = PaymentPayloadSchema.safeParse(item.payload);
  if (!parsed.success) return { conflict: 'PAYLOAD_INVALID' };
  const p = parsed.data;
  if (p.terminalId !== terminalId) return { conflict: 'TERMINAL_MISMATCH' };
  if (context.ruleVersions && !context.ruleVersions.has(p.ruleVersion)) return { conflict: 'RULE_VERSION_UNKNOWN' };
  const booking = await tx.getBooking(p.bookingCode);
  if (!booking) return { conflict: 'BOOKING_NOT_FOUND' };
  if (booking.status === 'cancelled') return { conflict: 'BOOKING_CANCELLED' };
  // Paid by another key: two terminals (or one offline and the desk) took the same ticket.
  if (booking.status === 'paid') return { conflict: 'BOOKING_ALREADY_PAID' };
  if (await tx.findPayment(p.paymentId)) return { conflict: 'PAYMENT_ID_REUSED' };
  return {
    apply: async () => {
      await tx.insertPayment(p, item.key);
      await tx.setBookingStatus(p.bookingCode, 'paid', p.paidAt);
    },
  };
};

/**
 * A self-certified income band: kept as a row of its own, which every later quote for the
 * citizen reads. Whether it is in force is decided when asked (by date), not here, so a
 * declaration synced late never overrides a newer one already held.
 */
const incomeBand: Handler = async (tx, terminalId, item) => {
  const parsed = IncomeBandPayloadSchema.safeParse(item.payload);
  if (!parsed.success) return { conflict: 'PAYLOAD_INVALID' };
  const d = parsed.data;
  if (d.terminalId !== terminalId) return { conflict: 'TERMINAL_MISMATCH' };
  // Same id under another key: a terminal bug or a clash of ids; the first one stands.
  if (await tx.findIncomeBand(d.declarationId)) return { conflict: 'DECLARATION_ID_REUSED' };
  return { apply: () => tx.insertIncomeBand(d, item.key) };
};

// Kinds the terminal already produces whose central processing comes later: kept exactly once
// now, so nothing is lost and their handlers can process the stored rows when they land.
const recordOnly: Handler = async () => ({ apply: async () => undefined });

const HANDLERS: Readonly<Record<string, Handler>> = {
  payment,
  booking: recordOnly,
  'cash-ledger': recordOnly,
  'income-band': incomeBand,
  'waiting-list': recordOnly,
  'refund-request': recordOnly,
};

/**
 * Applies a batch in one store transaction, in the batch's order, each key at most once: a key
 * seen before answers `duplicate` (or its recorded conflict) and changes nothing. A store error
 * rolls the whole batch back, so the terminal simply resends it.
 */
export function ingestBatch(store: CentralStore, terminalId: string, items: readonly SyncItem[], receivedAt: string, context: IngestContext = {}): Promise<SyncItemResult[]> {
  return store.transaction(async (tx) => {
    // Two lookups for the whole batch instead of two per item.
    const seen = await tx.findTransactions(items.map((i) => i.key));
    const usedSeqs = await tx.usedSeqs(terminalId, items.map((i) => i.seq));
    const results: SyncItemResult[] = [];
    for (const item of items) results.push(await ingestItem(tx, terminalId, item, receivedAt, context, seen.get(item.key), usedSeqs));
    return results;
  });
}

async function ingestItem(
  tx: CentralTx,
  terminalId: string,
  item: SyncItem,
  receivedAt: string,
  context: IngestContext,
  seen: TransactionRecord | undefined,
  usedSeqs: Set<number>,
): Promise<SyncItemResult> {
  const digest = digestOf(item.kind, item.payload);
  if (seen) {
    if (seen.terminalId !== terminalId || seen.seq !== item.seq || seen.digest !== digest) {
      return { key: item.key, status: 'conflict', reason: 'IDEMPOTENCY_KEY_REUSED' };
    }
    return seen.status === 'conflict' ? { key: item.key, status: 'conflict', reason: seen.reason ?? 'CONFLICT' } : { key: item.key, status: 'duplicate' };
  }
  // Another key under a seq already used: the terminal lost or rebuilt its outbox.
  if (usedSeqs.has(item.seq)) return { key: item.key, status: 'conflict', reason: 'SEQUENCE_REUSED' };
  usedSeqs.add(item.seq);

  const handler = HANDLERS[item.kind];
  const outcome = handler ? await handler(tx, terminalId, item, context) : ({ conflict: 'KIND_UNKNOWN' } as const);
  const conflict = 'conflict' in outcome ? outcome.conflict : undefined;
  // Conflicts are recorded too, so a resend gets the same answer and the desk can list them.
  await tx.insertTransaction({
    key: item.key,
    terminalId,
    seq: item.seq,
    kind: item.kind,
    payload: item.payload,
    digest,
    status: conflict ? 'conflict' : 'stored',
    ...(conflict ? { reason: conflict } : {}),
    createdAt: item.createdAt,
    receivedAt,
  });
  if ('apply' in outcome) await outcome.apply();
  return conflict ? { key: item.key, status: 'conflict', reason: conflict } : { key: item.key, status: 'stored' };
}

/** sha256 over kind and payload with keys sorted, so a resend matches whatever its key order. */
export function digestOf(kind: string, payload: unknown): string {
  return createHash('sha256').update(kind).update('\n').update(canonicalJson(payload)).digest('hex');
}

/** JSON with object keys sorted, so equal content gives equal text whatever the key order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
