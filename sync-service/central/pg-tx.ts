import type pg from 'pg';
import type { Booking, BookingStatus, IncomeBandNumber } from '../domain/types.ts';
import type { PrescriptionState, SlotState, WaitingListRow } from './agenda-store.ts';
import * as agenda from './pg-agenda.ts';
import * as changes from './pg-booking-changes.ts';
import type { BookingChangeWrites, BookingForChange, BookingPaid } from './booking-change-store.ts';
import { pgCampaigns } from './pg-campaigns.ts';
import { WriteRaceError } from './pg-race.ts';
import { romeHourOf } from './reconciliation.ts';
import { paymentItems, type IncomeBandPayload, type PaymentPayload } from '../protocol/index.ts';
import { keyLookupSql, prepared } from './pg-lookup.ts';
import { noticeStates, setNoticesPaid } from './pg-notices.ts';
import type { BookingStatusChange, CentralTx, IncomeBandRecord, NoticePaid, NoticeState, TransactionRecord } from './store.ts';

/**
 * Ingest's statements on PostgreSQL, one per call whatever the batch size: lists travel as
 * array parameters (`unnest`) or one JSON document, so there is no parameter limit to chunk around.
 */

// Columns named, not `*`: a prepared statement whose result gained a column (a newer central
// migrating the database under a running one) fails with "cached plan must not change result type".
const TRANSACTIONS_BY_KEY = prepared(
  keyLookupSql({ columns: 'key, terminal_id, seq, kind, payload, digest, status, reason, created_at, received_at', table: 'transactions', key: 'key', keyType: 'text' }),
);
const USED_SEQS = prepared(keyLookupSql({ columns: 'seq', table: 'transactions', key: 'seq', keyType: 'bigint', where: 'terminal_id = $2' }));
const BOOKINGS_FOR_UPDATE = prepared(keyLookupSql({ columns: 'code, status', table: 'bookings', key: 'code', keyType: 'text', forUpdate: true }));
const PAYMENTS_BY_ID = prepared(keyLookupSql({ columns: 'payment_id', table: 'payments', key: 'payment_id', keyType: 'text' }));
// Without ON CONFLICT: the batch's lookups found none of these rows, so the arbiter checks
// before every row would only repeat the unique indexes' own; a row a concurrent batch stored
// meanwhile fails the insert with unique_violation, and the store retries the batch.
const INSERT_TRANSACTIONS = prepared(`INSERT INTO transactions (key, terminal_id, seq, kind, payload, digest, status, reason, created_at, received_at)
  SELECT key, terminal_id, seq, kind, payload, digest, status, reason, created_at, received_at
  FROM jsonb_to_recordset($1::jsonb) AS x(key text, terminal_id text, seq bigint, kind text, payload jsonb, digest text, status text, reason text, created_at text, received_at text)`);
/** The payments and what each paid (payment_items), in one statement. */
const INSERT_PAYMENTS = prepared(`WITH paid AS (INSERT INTO payments (payment_id, transaction_key, booking_code, terminal_id, transaction_id, tax_code, amount_cents, paid_cents, change_cents, method, rule_version, paid_at, card_cents, paid_hour)
  SELECT payment_id, transaction_key, booking_code, terminal_id, transaction_id, tax_code, amount_cents, paid_cents, change_cents, method, rule_version, paid_at, card_cents, paid_hour
  FROM jsonb_to_recordset($1::jsonb) AS x(payment_id text, transaction_key text, booking_code text, terminal_id text, transaction_id text, tax_code text, amount_cents int, paid_cents int, change_cents int, method text, rule_version text, paid_at text, card_cents int, paid_hour text))
  INSERT INTO payment_items (payment_id, position, booking_code, amount_cents, notice_code)
  SELECT payment_id, position, booking_code, amount_cents, notice_code
  FROM jsonb_to_recordset($2::jsonb) AS i(payment_id text, position int, booking_code text, amount_cents int, notice_code text)`);
const SET_BOOKING_STATUSES = prepared('UPDATE bookings AS b SET status = v.status, updated_at = v.at FROM unnest($1::text[], $2::text[], $3::text[]) AS v(code, status, at) WHERE b.code = v.code');
const INCOME_BANDS_BY_ID = prepared(keyLookupSql({ columns: 'declaration_id', table: 'income_bands', key: 'declaration_id', keyType: 'text' }));

export interface TransactionRow {
  key: string;
  terminal_id: string;
  /** BIGINT: node-pg hands it over as text. */
  seq: string;
  kind: string;
  payload: Record<string, unknown>;
  digest: string;
  status: 'stored' | 'conflict';
  reason: string | null;
  created_at: string;
  received_at: string;
}

export interface IncomeBandRow {
  declaration_id: string;
  transaction_key: string;
  tax_code: string;
  band: IncomeBandNumber;
  declared_on: string;
  declared_at: string;
  terminal_id: string;
  statement: string;
}

export class PgCentralTx implements CentralTx {
  constructor(private readonly client: pg.PoolClient) {}

  get campaigns() {
    return pgCampaigns(this.client);
  }

  async findTransactions(keys: readonly string[]): Promise<Map<string, TransactionRecord>> {
    if (keys.length === 0) return new Map();
    const { rows } = await this.client.query<TransactionRow>({ ...TRANSACTIONS_BY_KEY, values: [keys] });
    return new Map(rows.map((r) => [r.key, toRecord(r)]));
  }

  async usedSeqs(terminalId: string, seqs: readonly number[]): Promise<Set<number>> {
    if (seqs.length === 0) return new Set();
    const { rows } = await this.client.query<{ seq: string }>({ ...USED_SEQS, values: [seqs, terminalId] });
    return new Set(rows.map((r) => Number(r.seq)));
  }

  async bookingStatuses(codes: readonly string[]): Promise<Map<string, BookingStatus>> {
    if (codes.length === 0) return new Map();
    // Locked until commit, in code order so two batches sharing bookings queue rather than deadlock.
    const { rows } = await this.client.query<{ code: string; status: BookingStatus }>({ ...BOOKINGS_FOR_UPDATE, values: [codes] });
    return new Map(rows.map((r) => [r.code, r.status]));
  }

  async existingPayments(paymentIds: readonly string[]): Promise<Set<string>> {
    if (paymentIds.length === 0) return new Set();
    const { rows } = await this.client.query<{ payment_id: string }>({ ...PAYMENTS_BY_ID, values: [paymentIds] });
    return new Set(rows.map((r) => r.payment_id));
  }

  async existingIncomeBands(declarationIds: readonly string[]): Promise<Set<string>> {
    if (declarationIds.length === 0) return new Set();
    const { rows } = await this.client.query<{ declaration_id: string }>({ ...INCOME_BANDS_BY_ID, values: [declarationIds] });
    return new Set(rows.map((r) => r.declaration_id));
  }

  async insertTransactions(records: readonly TransactionRecord[]): Promise<void> {
    if (records.length === 0) return;
    // One JSON document for the whole batch: the payloads go in as they are, where text arrays
    // would have node-pg quote and escape every payload (the most costly part of ingest).
    const rows = records.map((t) => ({
      key: t.key,
      terminal_id: t.terminalId,
      seq: t.seq,
      kind: t.kind,
      payload: t.payload,
      digest: t.digest,
      status: t.status,
      reason: t.reason ?? null,
      created_at: t.createdAt,
      received_at: t.receivedAt,
    }));
    // A key or (terminal, seq) another central stored after our lookup fails the insert
    // (unique_violation): the store runs the batch again, which then answers from that row.
    await this.client.query({ ...INSERT_TRANSACTIONS, values: [JSON.stringify(rows)] });
  }

  async insertPayments(payments: readonly { payment: PaymentPayload; transactionKey: string }[]): Promise<void> {
    if (payments.length === 0) return;
    // One JSON document, as for the transactions: no per-element quoting of fourteen arrays.
    const rows = payments.map(({ payment: x, transactionKey }) => ({
      payment_id: x.paymentId,
      transaction_key: transactionKey,
      booking_code: x.bookingCode,
      terminal_id: x.terminalId,
      transaction_id: x.transactionId,
      tax_code: x.taxCode,
      amount_cents: x.amountCents,
      paid_cents: x.paidCents,
      change_cents: x.changeCents,
      method: x.method,
      rule_version: x.ruleVersion,
      paid_at: x.paidAt,
      card_cents: x.cardCents,
      paid_hour: romeHourOf(x.paidAt),
    }));
    const items = payments.flatMap(({ payment }) =>
      paymentItems(payment).map((item, position) => ({ payment_id: payment.paymentId, position, booking_code: item.bookingCode, amount_cents: item.amountCents, notice_code: item.noticeCode ?? null })),
    );
    await this.client.query({ ...INSERT_PAYMENTS, values: [JSON.stringify(rows), JSON.stringify(items)] });
  }

  async insertIncomeBands(declarations: readonly { declaration: IncomeBandPayload; transactionKey: string }[]): Promise<void> {
    if (declarations.length === 0) return;
    const d = declarations.map((x) => x.declaration);
    // WITH ORDINALITY keeps the batch's order in `arrival`, which breaks ties between equal instants.
    const r = await this.client.query(
      `INSERT INTO income_bands (declaration_id, transaction_key, tax_code, band, declared_on, declared_at, terminal_id, statement)
       SELECT declaration_id, transaction_key, tax_code, band, declared_on, declared_at, terminal_id, statement
       FROM unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::text[], $6::text[], $7::text[], $8::text[])
         WITH ORDINALITY AS v(declaration_id, transaction_key, tax_code, band, declared_on, declared_at, terminal_id, statement, n)
       ORDER BY n
       ON CONFLICT DO NOTHING`,
      [
        d.map((x) => x.declarationId),
        declarations.map((x) => x.transactionKey),
        d.map((x) => x.taxCode),
        d.map((x) => x.band),
        d.map((x) => x.declaredOn),
        // UTC text sorts in time order; instants written with other offsets would not.
        d.map((x) => new Date(x.declaredAt).toISOString()),
        d.map((x) => x.terminalId),
        d.map((x) => x.statement),
      ],
    );
    if (r.rowCount !== declarations.length) throw new WriteRaceError('income_bands', declarations.length, r.rowCount ?? 0);
  }

  notices(noticeCodes: readonly string[], bookingCodes: readonly string[]): Promise<NoticeState[]> {
    return noticeStates(this.client, noticeCodes, bookingCodes);
  }

  setNoticesPaid(changes: readonly NoticePaid[]): Promise<void> {
    return setNoticesPaid(this.client, changes);
  }

  slots(slotIds: readonly string[]): Promise<Map<string, SlotState>> {
    return agenda.slotStates(this.client, slotIds);
  }

  bookingsForChange(codes: readonly string[]): Promise<Map<string, BookingForChange>> {
    return changes.bookingsForChange(this.client, codes);
  }

  bookingsPaid(codes: readonly string[]): Promise<Map<string, BookingPaid>> {
    return changes.bookingsPaid(this.client, codes);
  }

  writeBookingChanges(writes: BookingChangeWrites): Promise<void> {
    return changes.writeBookingChanges(this.client, writes);
  }

  prescriptions(nres: readonly string[]): Promise<Map<string, PrescriptionState>> {
    return agenda.prescriptionStates(this.client, nres);
  }

  insertBookings(bookings: readonly Booking[]): Promise<void> {
    return agenda.insertBookings(this.client, bookings, new Date().toISOString());
  }

  bookSlots(changes: readonly { slotId: string; nre: string; bookingCode: string; at: string }[]): Promise<void> {
    return agenda.bookSlots(this.client, changes);
  }

  putWaitingList(rows: readonly WaitingListRow[], bookedNres: readonly string[]): Promise<void> {
    return agenda.putWaitingList(this.client, rows, bookedNres);
  }

  async setBookingStatuses(changes: readonly BookingStatusChange[]): Promise<void> {
    if (changes.length === 0) return;
    await this.client.query({ ...SET_BOOKING_STATUSES, values: [changes.map((c) => c.code), changes.map((c) => c.status), changes.map((c) => c.at)] });
  }
}

export function toRecord(r: TransactionRow): TransactionRecord {
  return {
    terminalId: r.terminal_id,
    seq: Number(r.seq),
    key: r.key,
    kind: r.kind,
    payload: r.payload,
    status: r.status,
    ...(r.reason === null ? {} : { reason: r.reason }),
    createdAt: r.created_at,
    receivedAt: r.received_at,
    digest: r.digest,
  };
}

export function toIncomeBand(row: IncomeBandRow): IncomeBandRecord {
  return {
    declarationId: row.declaration_id,
    taxCode: row.tax_code,
    band: row.band,
    declaredOn: row.declared_on,
    declaredAt: row.declared_at,
    terminalId: row.terminal_id,
    statement: row.statement,
    transactionKey: row.transaction_key,
  };
}
