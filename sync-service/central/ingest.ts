import { createHash } from 'node:crypto';
import {
  IncomeBandPayloadSchema,
  PaymentPayloadSchema,
  paymentItems,
  type IncomeBandPayload,
  type PaymentItem,
  type PaymentPayload,
  type SyncItem,
  type SyncItemResult,
} from '../protocol/index.ts';
import type { BookingStatus } from '../domain/types.ts';
import { AgendaBatch, parseAgendaItem, type BookingConflict, type ParsedAgendaItem } from './ingest-agenda.ts';
import { parseCounterClose } from './ingest-counter-close.ts';
import { CampaignBatch, isCampaignItem, parseCampaignItem, type CampaignConflict, type ParsedCampaignItem } from './ingest-campaigns.ts';
import { BOOKING_CHANGE_KINDS, BookingChangeBatch, changedCodes, parseBookingChange, type BookingChangeConflict, type ParsedBookingChange } from './ingest-booking-changes.ts';
import type { BookingStatusChange, CentralStore, NoticePaid, NoticeState, TransactionRecord } from './store.ts';

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
  | 'RULE_VERSION_UNKNOWN'
  | 'NOTICE_ALREADY_PAID'
  | 'NOTICE_CANCELLED'
  | 'NOTICE_UNKNOWN'
  | 'NOTICE_BOOKING_MISMATCH'
  | 'NOTICE_AMOUNT_MISMATCH'
  | BookingConflict
  | BookingChangeConflict
  | CampaignConflict;

export interface IngestContext {
  /** Rule set versions the central knows; a payment quoted under another is a conflict. Unset: not checked. */
  ruleVersions?: ReadonlySet<string>;
}

/** An item with its payload parsed once, up front, so the batch's lookups can be gathered. */
type Parsed =
  | { kind: 'payment'; payment: PaymentPayload; items: PaymentItem[] }
  | { kind: 'income-band'; declaration: IncomeBandPayload }
  | ParsedAgendaItem
  | ParsedCampaignItem
  | ParsedBookingChange
  | { kind: 'record-only' }
  | { kind: 'conflict'; reason: ConflictReason };

// Kinds the terminal already produces whose central processing comes later: kept exactly once
// now, so nothing is lost and their handlers can process the stored rows when they land.
const RECORD_ONLY: ReadonlySet<string> = new Set(['cash-ledger', 'refund-request']);

function parse(item: SyncItem, terminalId: string): Parsed {
  if (item.kind === 'payment') {
    const p = PaymentPayloadSchema.safeParse(item.payload);
    if (!p.success) return { kind: 'conflict', reason: 'PAYLOAD_INVALID' };
    if (p.data.terminalId !== terminalId) return { kind: 'conflict', reason: 'TERMINAL_MISMATCH' };
    const items = paymentItems(p.data);
    // One payment pays a booking or a notice once: a repeat inside it is a terminal bug.
    const notices = items.flatMap((i) => (i.noticeCode ? [i.noticeCode] : []));
    if (new Set(items.map((i) => i.bookingCode)).size !== items.length || new Set(notices).size !== notices.length) return { kind: 'conflict', reason: 'PAYLOAD_INVALID' };
    return { kind: 'payment', payment: p.data, items };
  }
  if (item.kind === 'income-band') {
    const d = IncomeBandPayloadSchema.safeParse(item.payload);
    if (!d.success) return { kind: 'conflict', reason: 'PAYLOAD_INVALID' };
    if (d.data.terminalId !== terminalId) return { kind: 'conflict', reason: 'TERMINAL_MISMATCH' };
    return { kind: 'income-band', declaration: d.data };
  }
  if (item.kind === 'booking' || item.kind === 'waiting-list') return parseAgendaItem(item, terminalId);
  if (item.kind === 'counter-close') return parseCounterClose(item, terminalId);
  if (isCampaignItem(item)) return parseCampaignItem(item, terminalId);
  if (BOOKING_CHANGE_KINDS.has(item.kind)) return parseBookingChange(item, terminalId);
  return RECORD_ONLY.has(item.kind) ? { kind: 'record-only' } : { kind: 'conflict', reason: 'KIND_UNKNOWN' };
}

/**
 * Applies a batch in one store transaction, in the batch's order, each key at most once: a key
 * seen before answers `duplicate` (or its recorded conflict) and changes nothing. A store error
 * rolls the whole batch back, so the terminal simply resends it.
 *
 * The work is set-based: every row the batch's rules depend on is read in a few queries, the
 * rules run in memory in the batch's order (so a later item sees what an earlier one did), and
 * the rows are written in one statement per table. The store may run this more than once when a
 * concurrent writer wins a race (see `CentralStore.transaction`).
 */
export function ingestBatch(store: CentralStore, terminalId: string, items: readonly SyncItem[], receivedAt: string, context: IngestContext = {}): Promise<SyncItemResult[]> {
  const parsed = items.map((item) => parse(item, terminalId));
  const digests = items.map((item) => digestOf(item.kind, item.payload));
  const payments = parsed.flatMap((p) => (p.kind === 'payment' ? [p.payment] : []));
  const paid = parsed.flatMap((p) => (p.kind === 'payment' ? p.items : []));
  const declarations = parsed.flatMap((p) => (p.kind === 'income-band' ? [p.declaration] : []));
  const bookingChanges = parsed.flatMap((p) => (p.kind === 'booking-cancel' || p.kind === 'booking-move' ? [p] : []));

  return store.transaction(async (tx) => {
    // Bookings first: on a store with row locks this is where two centrals paying one booking
    // queue up, before either has written anything the other could wait on. Then their notices
    // and those named, so a payment by notice and one by booking code meet on the same rows.
    // A booking item's code is read too: to refuse a code already held, and so that a payment
    // later in the batch finds the booking it confirms.
    const bookingCodes = unique(paid.map((i) => i.bookingCode));
    const bookings = await tx.bookingStatuses(unique([...bookingCodes, ...parsed.flatMap((p) => (p.kind === 'booking' || p.kind === 'campaign-booking' ? [p.booking.booking.code] : [])), ...changedCodes(bookingChanges)]));
    const changed = await BookingChangeBatch.read(tx, bookingChanges, receivedAt);
    const agenda = await AgendaBatch.read(tx, parsed.flatMap((p) => (p.kind === 'booking' || p.kind === 'waiting-list' ? [p] : [])), receivedAt);
    const campaigns = await CampaignBatch.read(tx, parsed.flatMap((p) => (p.kind === 'campaign-booking' || p.kind === 'invitation-declined' ? [p] : [])), receivedAt);
    const notices = new NoticeBook(await tx.notices(unique(paid.flatMap((i) => (i.noticeCode ? [i.noticeCode] : []))), bookingCodes));
    const seen = await tx.findTransactions(items.map((i) => i.key));
    const usedSeqs = await tx.usedSeqs(terminalId, items.map((i) => i.seq));
    const paymentIds = await tx.existingPayments(unique(payments.map((p) => p.paymentId)));
    const declarationIds = await tx.existingIncomeBands(unique(declarations.map((d) => d.declarationId)));

    const records: TransactionRecord[] = [];
    const newPayments: { payment: PaymentPayload; transactionKey: string }[] = [];
    const newDeclarations: { declaration: IncomeBandPayload; transactionKey: string }[] = [];
    const changes = new Map<string, BookingStatusChange>();
    const noticesPaid = new Map<string, NoticePaid>();

    /** Why an item cannot be paid, in the order a citizen's situation is best told. */
    const itemConflict = (item: PaymentItem): ConflictReason | undefined => {
      const status: BookingStatus | undefined = bookings.get(item.bookingCode);
      if (!status) return 'BOOKING_NOT_FOUND';
      if (status === 'cancelled') return 'BOOKING_CANCELLED';
      if (item.noticeCode !== undefined) {
        const notice = notices.byCode.get(item.noticeCode);
        if (!notice) return 'NOTICE_UNKNOWN';
        if (notice.bookingCode !== item.bookingCode) return 'NOTICE_BOOKING_MISMATCH';
        // Paid by another payment: two channels took the same notice; this one is refunded.
        if (notice.status === 'paid') return 'NOTICE_ALREADY_PAID';
        if (notice.status === 'cancelled') return 'NOTICE_CANCELLED';
        if (notice.amountCents !== item.amountCents) return 'NOTICE_AMOUNT_MISMATCH';
      }
      // Paid by another key: two terminals (or one offline and the desk) took the same ticket.
      if (status === 'paid') return 'BOOKING_ALREADY_PAID';
      return undefined;
    };

    const decide = (p: Parsed): ConflictReason | undefined => {
      if (p.kind === 'conflict') return p.reason;
      if (p.kind === 'payment') {
        if (context.ruleVersions && !context.ruleVersions.has(p.payment.ruleVersion)) return 'RULE_VERSION_UNKNOWN';
        // All or nothing: the first item that cannot be paid makes the whole payment a conflict.
        for (const item of p.items) {
          const conflict = itemConflict(item);
          if (conflict) return conflict;
        }
        if (paymentIds.has(p.payment.paymentId)) return 'PAYMENT_ID_REUSED';
      }
      if (p.kind === 'booking') return agenda.conflict(p.booking, bookings);
      if (p.kind === 'campaign-booking' || p.kind === 'invitation-declined') return campaigns.conflict(p, bookings);
      if (p.kind === 'booking-move') return changed.move(p.move, bookings, agenda);
      // Same id under another key: a terminal bug or a clash of ids; the first one stands.
      if (p.kind === 'income-band' && declarationIds.has(p.declaration.declarationId)) return 'DECLARATION_ID_REUSED';
      return undefined;
    };

    const results = items.map((item, i): SyncItemResult => {
      const digest = digests[i]!;
      const held = seen.get(item.key);
      if (held) {
        if (held.terminalId !== terminalId || held.seq !== item.seq || held.digest !== digest) return { key: item.key, status: 'conflict', reason: 'IDEMPOTENCY_KEY_REUSED' };
        return held.status === 'conflict' ? { key: item.key, status: 'conflict', reason: held.reason ?? 'CONFLICT' } : { key: item.key, status: 'duplicate' };
      }
      // Another key under a seq already used: the terminal lost or rebuilt its outbox.
      if (usedSeqs.has(item.seq)) return { key: item.key, status: 'conflict', reason: 'SEQUENCE_REUSED' };
      usedSeqs.add(item.seq);

      const p = parsed[i]!;
      // A cancellation is decided and applied in one step: its refund needs the item's key.
      const cancelled = p.kind === 'booking-cancel' ? changed.cancel(p.cancel, item.key, bookings, agenda) : undefined;
      const conflict = typeof cancelled === 'string' ? cancelled : decide(p);
      // Conflicts are recorded too, so a resend gets the same answer and the desk can list them.
      const record: TransactionRecord = {
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
      };
      records.push(record);
      seen.set(item.key, record);
      if (conflict) return { key: item.key, status: 'conflict', reason: conflict };
      if (p.kind === 'payment') {
        newPayments.push({ payment: p.payment, transactionKey: item.key });
        paymentIds.add(p.payment.paymentId);
        for (const { bookingCode, amountCents } of p.items) {
          bookings.set(bookingCode, 'paid');
          changed.notePaid(bookingCode, { paymentId: p.payment.paymentId, amountCents });
          changes.set(bookingCode, { code: bookingCode, status: 'paid', at: p.payment.paidAt });
          // The booking's notice goes with it, whether the payment named the notice or the booking.
          const notice = notices.ofBooking(bookingCode);
          if (notice?.status === 'payable') {
            notice.status = 'paid';
            noticesPaid.set(notice.noticeCode, { noticeCode: notice.noticeCode, paidAt: p.payment.paidAt, paidBy: item.key });
          }
        }
      } else if (p.kind === 'income-band') {
        newDeclarations.push({ declaration: p.declaration, transactionKey: item.key });
        declarationIds.add(p.declaration.declarationId);
      } else if (p.kind === 'booking') {
        agenda.book(p.booking, bookings);
      } else if (p.kind === 'waiting-list') {
        agenda.wait(p.request, item.key);
      } else if (p.kind === 'campaign-booking' || p.kind === 'invitation-declined') {
        campaigns.apply(p, bookings, item.key);
      } else if (p.kind === 'booking-cancel' && typeof cancelled === 'object') {
        changes.set(p.cancel.bookingCode, { code: p.cancel.bookingCode, ...cancelled });
      }
      return { key: item.key, status: 'stored' };
    });

    // Transactions first: payments and declarations refer to their key.
    await tx.insertTransactions(records);
    await agenda.writeBookings(tx);
    await campaigns.writeBookings(tx);
    await tx.insertPayments(newPayments);
    await tx.insertIncomeBands(newDeclarations);
    await tx.setBookingStatuses([...changes.values()]);
    await tx.setNoticesPaid([...noticesPaid.values()]);
    await agenda.writeAgenda(tx);
    await campaigns.writeInvitations(tx);
    await changed.write(tx);
    return results;
  });
}

const unique = <T>(values: readonly T[]): T[] => [...new Set(values)];

/** The batch's notices by code and by booking; later payments of the batch see earlier ones' effects. */
class NoticeBook {
  readonly byCode: Map<string, NoticeState>;
  private readonly byBooking: Map<string, NoticeState>;

  constructor(states: readonly NoticeState[]) {
    this.byCode = new Map(states.map((n) => [n.noticeCode, { ...n }]));
    this.byBooking = new Map([...this.byCode.values()].map((n) => [n.bookingCode, n]));
  }

  ofBooking(bookingCode: string): NoticeState | undefined {
    return this.byBooking.get(bookingCode);
  }
}

/** sha256 over kind and payload with keys sorted, so a resend matches whatever its key order. */
export function digestOf(kind: string, payload: unknown): string {
  return createHash('sha256').update(kind).update('\n').update(canonicalJson(payload)).digest('hex');
}

/** JSON with object keys sorted, so equal content gives equal text whatever the key order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    // The default sort compares UTF-16 code units, as `<` on strings does. A plain loop: this
    // runs for every item of every batch, and ingest's rate depends on it.
    const object = value as Record<string, unknown>;
    let out = '';
    for (const key of Object.keys(object).sort()) {
      const v = object[key];
      if (v === undefined) continue;
      out += `${out ? ',' : ''}${JSON.stringify(key)}:${canonicalJson(v)}`;
    }
    return `{${out}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
