import type { Booking } from '../domain/types.ts';
import type { Outbox } from '../outbox/outbox.ts';
import {
  BookingLookupResponseSchema,
  ErrorBodySchema,
  IncomeBandAnswerSchema,
  MAX_BATCH_ITEMS,
  RuleSnapshotResponseSchema,
  SyncBatchResponseSchema,
  type Heartbeat,
  type HeartbeatAck,
  type IncomeBandAnswer,
  type InvitationSlotSearchResponse,
  type InvitationView,
  type NoticeView,
  type PrescriptionView,
  type RuleSnapshotResponse,
  type SlotHoldResponse,
  type SlotSearchResponse,
  type SyncBatchRequest,
  type SyncItemResult,
} from '../protocol/index.ts';
import { CentralError, errorCode, rejected, request, type HttpOptions, type RequestSigner } from './http.ts';
import { sendHeartbeat } from './heartbeat-call.ts';
import * as agenda from './agenda-calls.ts';
import * as changes from './booking-change-calls.ts';
import type { MoveSearchResponse } from '../protocol/index.ts';
import * as campaigns from './campaign-calls.ts';
import { fetchSnapshot } from './snapshot-calls.ts';
import type { SnapshotKind, SnapshotResponse } from '../protocol/index.ts';
import * as notices from './notice-calls.ts';

export interface SyncStatus {
  /** Items not yet answered by the central. */
  backlog: number;
  /** When the central last answered an item; null if never. */
  lastAckAt: string | null;
  /** Whether the last exchange with the central got an answer. */
  online: boolean;
}

export interface SyncResult {
  /** Items sent, resends included. */
  sent: number;
  /** Items the central answered stored or duplicate. */
  acked: number;
  /** Items answered with a conflict, recorded in the outbox. */
  conflicts: SyncItemResult[];
  batches: number;
}

export interface SyncClientOptions {
  outbox: Outbox;
  /** Base URL of the central, `http://host:port`. */
  centralUrl: string;
  terminalId: string;
  /** Items per batch; default 100, at most MAX_BATCH_ITEMS. */
  batchSize?: number;
  /** Default `globalThis.fetch`. */
  fetch?: typeof globalThis.fetch;
  /** Per-request timeout; default 10,000 ms. */
  requestTimeoutMs?: number;
  /** Pause between rounds while the central answers; default 5,000 ms. */
  intervalMs?: number;
  /** First retry delay after a failure; default 1,000 ms, doubling per failure. */
  minBackoffMs?: number;
  /** Longest retry delay; default 60,000 ms. */
  maxBackoffMs?: number;
  /** Source of jitter in [0, 1); default Math.random. */
  random?: () => number;
  /** Adds authentication headers to each request; default none. */
  sign?: RequestSigner;
}

export type StatusListener = (status: SyncStatus) => void;

/**
 * The terminal side of sync: sends the outbox to the central in seq order, in batches, and
 * settles each item the central answered. Safe to call `syncNow` from anywhere: concurrent
 * calls share one round, so no item is ever in two requests at once.
 */
export class SyncClient {
  private readonly outbox: Outbox;
  private readonly terminalId: string;
  private readonly batchSize: number;
  private readonly http: HttpOptions;
  private readonly intervalMs: number;
  private readonly minBackoffMs: number;
  private readonly maxBackoffMs: number;
  private readonly random: () => number;
  private readonly listeners = new Set<StatusListener>();
  private abort = new AbortController();
  private online = false;
  private round: Promise<SyncResult> | undefined;
  private running = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private failures = 0;

  constructor(options: SyncClientOptions) {
    this.outbox = options.outbox;
    this.terminalId = options.terminalId;
    this.batchSize = Math.min(Math.max(1, options.batchSize ?? 100), MAX_BATCH_ITEMS);
    this.http = { baseUrl: options.centralUrl, fetch: options.fetch ?? globalThis.fetch, timeoutMs: options.requestTimeoutMs ?? 10_000, sign: options.sign, signal: this.abort.signal };
    this.intervalMs = options.intervalMs ?? 5_000;
    this.minBackoffMs = options.minBackoffMs ?? 1_000;
    this.maxBackoffMs = options.maxBackoffMs ?? 60_000;
    this.random = options.random ?? Math.random;
  }

  /**
   * Sends everything pending, batch after batch, until the outbox is drained or a request
   * fails. Rejects with CentralError (CENTRAL_UNREACHABLE, CENTRAL_REJECTED,
   * CENTRAL_RESPONSE_INVALID); what was acked before the failure stays acked.
   */
  syncNow(): Promise<SyncResult> {
    this.round ??= this.drain().finally(() => {
      this.round = undefined;
      void this.emit();
    });
    return this.round;
  }

  /** Syncs now and then keeps syncing: every `intervalMs` while online, with backoff while not. */
  start(): void {
    if (this.running) return;
    this.running = true;
    if (this.abort.signal.aborted) this.abort = new AbortController();
    this.http.signal = this.abort.signal;
    this.schedule(0);
  }

  /** Stops the loop, aborts a request in flight and waits for the round to end. */
  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.abort.abort();
    await this.round?.catch(() => undefined);
    this.abort = new AbortController();
    this.http.signal = this.abort.signal;
  }

  /** Asks the loop for a round soon, e.g. right after a payment committed. */
  wake(): void {
    if (this.running && !this.round && this.failures === 0) this.schedule(0);
  }

  /** Calls `listener` after every round; returns the unsubscribe function. */
  onStatus(listener: StatusListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async status(): Promise<SyncStatus> {
    const [backlog, lastAckAt] = await Promise.all([this.outbox.backlog(), this.outbox.lastAckAt()]);
    return { backlog, lastAckAt, online: this.online };
  }

  /**
   * The booking as the central holds it. Rejects BOOKING_NOT_FOUND, BOOKING_CODE_INVALID,
   * or a CentralError when the central cannot answer.
   */
  async lookupBooking(code: string): Promise<Booking> {
    const answer = await this.call('GET', `/v1/bookings/${encodeURIComponent(code)}`);
    if (answer.status === 404 || answer.status === 400) {
      const typed = errorCode(answer.body);
      const fallback = answer.status === 404 ? 'BOOKING_NOT_FOUND' : 'BOOKING_CODE_INVALID';
      throw new CentralError(typed ?? fallback, `booking ${code}: ${typed ?? fallback}`, { code });
    }
    if (answer.status !== 200) throw rejected(answer, 'the booking lookup');
    const parsed = BookingLookupResponseSchema.safeParse(answer.body);
    if (!parsed.success) throw new CentralError('CENTRAL_RESPONSE_INVALID', 'booking lookup answer does not match the protocol', { issues: parsed.error.message });
    return parsed.data;
  }

  /**
   * The citizen's self-certified income band in force on `date` (Europe/Rome, YYYY-MM-DD), as
   * the central holds it for every terminal; `band: null` when they had declared none by then.
   * Rejects TAX_CODE_INVALID or DATE_INVALID for what the central refuses to read, and a
   * CentralError CENTRAL_UNREACHABLE when it cannot be asked: the terminal then quotes with
   * the declarations it holds itself.
   */
  async incomeBand(taxCode: string, date: string): Promise<IncomeBandAnswer> {
    const answer = await this.call('GET', `/v1/citizens/${encodeURIComponent(taxCode.trim())}/income-band?date=${encodeURIComponent(date)}`);
    if (answer.status === 400) {
      const typed = errorCode(answer.body);
      if (typed === 'TAX_CODE_INVALID' || typed === 'DATE_INVALID') {
        const details = ErrorBodySchema.safeParse(answer.body).data?.error.details;
        throw new CentralError(typed, `income band of ${taxCode} on ${date}: ${typed}`, { taxCode, date, ...details });
      }
    }
    if (answer.status !== 200) throw rejected(answer, 'the income band lookup');
    const parsed = IncomeBandAnswerSchema.safeParse(answer.body);
    if (!parsed.success) throw new CentralError('CENTRAL_RESPONSE_INVALID', 'income band answer does not match the protocol', { issues: parsed.error.message });
    return parsed.data;
  }

  /**
   * A pagoPA notice as the central holds it now (status payable, paid or cancelled). Rejects a
   * CentralError with the central's code: BAD_NOTICE (malformed or wrong check digits),
   * NOTICE_UNKNOWN; CENTRAL_UNREACHABLE when it cannot be asked (a notice is payable only online).
   */
  verifyNotice(noticeCode: string): Promise<NoticeView> {
    return notices.verifyNotice(this.callFn, noticeCode);
  }

  /**
   * Holds a payable notice for this terminal's payment for 10 minutes; asking again with the
   * same payment extends it. Rejects NOTICE_LOCKED (another payment holds it), NOTICE_PAID,
   * NOTICE_CANCELLED, NOTICE_UNKNOWN, BAD_NOTICE, or CENTRAL_UNREACHABLE.
   */
  lockNotice(noticeCode: string, paymentId: string): Promise<{ lockedUntil: string }> {
    return notices.lockNotice(this.callFn, noticeCode, paymentId);
  }

  /** Lets go of the notice if this payment holds it; resolves either way. Rejects CENTRAL_UNREACHABLE. */
  releaseNotice(noticeCode: string, paymentId: string): Promise<void> {
    return notices.releaseNotice(this.callFn, noticeCode, paymentId);
  }

  /**
   * What a citizen still owes: bookings booked and unpaid with no notice (quote them here) and
   * their payable notices. Rejects TAX_CODE_INVALID, or CENTRAL_UNREACHABLE.
   */
  unpaidTickets(taxCode: string): Promise<{ bookings: Booking[]; notices: NoticeView[] }> {
    return notices.unpaidTickets(this.callFn, taxCode);
  }

  /**
   * The citizen's open prescriptions at the central, newest first. Booking needs the central:
   * rejects TAX_CODE_INVALID, or CENTRAL_UNREACHABLE when it cannot be asked.
   */
  prescriptions(taxCode: string): Promise<PrescriptionView[]> {
    return agenda.prescriptions(this.callFn, taxCode);
  }

  /**
   * Free slots for one of the citizen's prescriptions inside its priority deadline, earliest
   * first (default 8). Rejects BAD_NRE, TAX_CODE_INVALID, PRESCRIPTION_UNKNOWN,
   * PRESCRIPTION_NOT_YOURS, PRESCRIPTION_NOT_OPEN, or CENTRAL_UNREACHABLE.
   */
  searchSlots(nre: string, taxCode: string, limit?: number): Promise<SlotSearchResponse> {
    return agenda.searchSlots(this.callFn, nre, taxCode, limit);
  }

  /**
   * Holds a slot for this terminal (10 minutes unless the central says otherwise), with the
   * booking code it issued; holding it again extends the hold. Rejects as `searchSlots`, and
   * SLOT_UNKNOWN, SLOT_TAKEN, SLOT_OUT_OF_DEADLINE.
   */
  holdSlot(slotId: string, nre: string, taxCode: string): Promise<SlotHoldResponse> {
    return agenda.holdSlot(this.callFn, slotId, nre, taxCode);
  }

  /** The citizen's upcoming bookings, not cancelled, soonest first. Rejects TAX_CODE_INVALID or CENTRAL_UNREACHABLE. */
  citizenBookings(taxCode: string): Promise<Booking[]> {
    return changes.citizenBookings(this.callFn, taxCode);
  }

  /** Free slots to move a booking to. Rejects BOOKING_UNKNOWN, BOOKING_NOT_YOURS, BOOKING_ALREADY_CANCELLED, BOOKING_STARTED, or CENTRAL_UNREACHABLE. */
  moveSlots(bookingCode: string, taxCode: string, limit?: number): Promise<MoveSearchResponse> {
    return changes.moveSlots(this.callFn, bookingCode, taxCode, limit);
  }

  /** Holds a slot to move a booking to, under its own code. Rejects as `moveSlots`, and SLOT_UNKNOWN, SLOT_TAKEN, SLOT_OUT_OF_DEADLINE. */
  holdForMove(bookingCode: string, slotId: string, taxCode: string): Promise<SlotHoldResponse> {
    return changes.holdForMove(this.callFn, bookingCode, slotId, taxCode);
  }

  /** Gives a held slot back; `released` false when it had lapsed. Rejects CENTRAL_UNREACHABLE. */
  releaseHold(holdId: string): Promise<{ released: boolean }> {
    return agenda.releaseHold(this.callFn, holdId);
  }

  /** The citizen's open campaign invitations. Rejects TAX_CODE_INVALID or CENTRAL_UNREACHABLE. */
  invitations(taxCode: string): Promise<InvitationView[]> {
    return campaigns.invitations(this.callFn, taxCode);
  }

  /** Free slots of an invitation's campaign service. Rejects INVITATION_UNKNOWN, INVITATION_NOT_YOURS, INVITATION_NOT_OPEN, CAMPAIGN_CLOSED, CENTRAL_UNREACHABLE. */
  searchInvitationSlots(invitationId: string, taxCode: string, limit?: number): Promise<InvitationSlotSearchResponse> {
    return campaigns.searchInvitationSlots(this.callFn, invitationId, taxCode, limit);
  }

  /** Holds a slot for an invitation, as `holdSlot` for a prescription. Rejects as `searchInvitationSlots`, and SLOT_UNKNOWN, SLOT_TAKEN, SLOT_OUT_OF_DEADLINE. */
  holdInvitationSlot(invitationId: string, slotId: string, taxCode: string): Promise<SlotHoldResponse> {
    return campaigns.holdInvitationSlot(this.callFn, invitationId, slotId, taxCode);
  }

  /**
   * Tells the central how this terminal is (devices, outbox, lag), signed like every request.
   * Resolves with the central's receipt time; rejects CENTRAL_UNREACHABLE when the central
   * cannot be asked, CENTRAL_REJECTED when it refuses (details.error: its code).
   */
  heartbeat(body: Heartbeat): Promise<HeartbeatAck> {
    return sendHeartbeat(this.callFn, body);
  }

  /**
   * The rule sets the central published after snapshot `since`, signed like every request.
   * The documents are not validated here: RuleBook does that before keeping one. Rejects a
   * CentralError when the central cannot answer or refuses.
   */
  async fetchRuleSnapshot(since: number): Promise<RuleSnapshotResponse> {
    const answer = await this.call('GET', `/v1/snapshots/rules?since=${Math.max(0, Math.floor(since))}`);
    if (answer.status !== 200) throw rejected(answer, 'the rules snapshot');
    const parsed = RuleSnapshotResponseSchema.safeParse(answer.body);
    if (!parsed.success) throw new CentralError('CENTRAL_RESPONSE_INVALID', 'rules snapshot does not match the protocol', { issues: parsed.error.message });
    return parsed.data;
  }

  /**
   * What changed in a catalogue, agenda or configuration snapshot after version `since` of
   * `epoch` (undefined: the whole snapshot). Items are checked by SnapshotBook before it keeps
   * them. Rejects a CentralError when the central cannot answer or refuses.
   */
  fetchSnapshot(kind: SnapshotKind, since?: number, epoch?: string): Promise<SnapshotResponse> {
    return fetchSnapshot(this.callFn, kind, since, epoch);
  }

  private async drain(): Promise<SyncResult> {
    const result: SyncResult = { sent: 0, acked: 0, conflicts: [], batches: 0 };
    let size = this.batchSize;
    for (;;) {
      const items = await this.outbox.pending(size);
      if (items.length === 0) return result;
      const batch: SyncBatchRequest = {
        terminalId: this.terminalId,
        items: items.map((i) => ({ seq: i.seq, key: i.key, kind: i.kind, payload: i.payload, createdAt: i.createdAt })),
      };
      const answer = await this.call('POST', '/v1/sync/batches', batch);
      // Big payloads can make a full batch exceed the central's body limit: send fewer at a time.
      if (answer.status === 413 && items.length > 1) {
        size = Math.ceil(items.length / 2);
        continue;
      }
      if (answer.status !== 200) throw rejected(answer, `batch from seq ${items[0]?.seq}`);
      const parsed = SyncBatchResponseSchema.safeParse(answer.body);
      if (!parsed.success) throw new CentralError('CENTRAL_RESPONSE_INVALID', 'batch answer does not match the protocol', { issues: parsed.error.message });
      result.sent += items.length;
      result.batches += 1;
      const sentKeys = new Set(items.map((i) => i.key));
      const answered = parsed.data.results.filter((r) => sentKeys.has(r.key));
      const acked = answered.filter((r) => r.status !== 'conflict').map((r) => r.key);
      const at = new Date();
      result.acked += await this.outbox.markAcked(acked, at);
      for (const c of answered.filter((r) => r.status === 'conflict')) {
        await this.outbox.markConflict(c.key, c.reason ?? 'CONFLICT', at);
        result.conflicts.push(c);
      }
      // A key left unanswered stays pending; stop here rather than loop on it.
      if (new Set(answered.map((r) => r.key)).size < items.length) {
        throw new CentralError('CENTRAL_RESPONSE_INVALID', `central answered ${answered.length} of ${items.length} items`);
      }
    }
  }

  private readonly callFn: notices.CentralCall = (method, path, body) => this.call(method, path, body);

  private async call(method: 'GET' | 'POST', path: string, body?: unknown) {
    try {
      const answer = await request(this.http, method, path, body);
      this.online = true;
      return answer;
    } catch (e) {
      // An abort of our own (stop) says nothing about the central.
      if (e instanceof CentralError && e.code === 'CENTRAL_UNREACHABLE' && !this.http.signal.aborted) this.online = false;
      throw e;
    }
  }

  private schedule(delayMs: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.tick(), delayMs);
  }

  private async tick(): Promise<void> {
    this.timer = undefined;
    if (!this.running) return;
    try {
      await this.syncNow();
      this.failures = 0;
    } catch {
      this.failures += 1;
    }
    if (this.running && !this.timer) this.schedule(this.failures === 0 ? this.intervalMs : this.backoffMs(this.failures));
  }

  /** Exponential backoff with "equal jitter": half fixed, half random, so a fleet spreads out. */
  backoffMs(failures: number): number {
    const ceiling = Math.min(this.maxBackoffMs, this.minBackoffMs * 2 ** Math.min(failures - 1, 30));
    return Math.round(ceiling / 2 + this.random() * (ceiling / 2));
  }

  private async emit(): Promise<void> {
    if (this.listeners.size === 0) return;
    const status = await this.status().catch(() => undefined);
    if (!status) return;
    for (const l of this.listeners) {
      try {
        l(status);
      } catch {
        // A listener's failure must not stop sync.
      }
    }
  }
}
