import { CupError } from '../domain/errors.ts';
import { amountOwed, appointmentDay, DEFAULT_SEGREGATION_CODE, draftNotice, type NoticeDraft } from '../domain/notices.ts';
import { parseNoticeCode } from '../domain/codes/pagopa.ts';
import { todayInRome } from '../domain/rome-time.ts';
import type { Booking, IsoDate } from '../domain/types.ts';
import type { Notice, NoticeErrorCode, NoticeView } from '../protocol/index.ts';
import type { CentralRules } from './rules.ts';
import type { CentralStore, NoticeFilter, NoticeHolder } from './store.ts';

/** How long a lock holds a notice for a payment in progress, unless the central is told otherwise. */
export const DEFAULT_NOTICE_LOCK_MS = 10 * 60_000;

/** A notice request the central refuses, with the HTTP status it answers. */
export class NoticeRefusal extends CupError {
  declare readonly code: NoticeErrorCode;
  constructor(code: NoticeErrorCode, message: string, details?: Record<string, unknown>) {
    super(code, message, details);
  }

  get status(): 400 | 404 | 409 {
    return this.code === 'BAD_NOTICE' ? 400 : this.code === 'NOTICE_UNKNOWN' ? 404 : 409;
  }
}

export interface CentralNoticesOptions {
  store: CentralStore;
  rules: CentralRules;
  now: () => Date;
  /** Two digits assigned by PagoPA to our generation point; default DEFAULT_SEGREGATION_CODE (02). */
  segregationCode?: string;
  /** Default DEFAULT_NOTICE_LOCK_MS (10 minutes). */
  lockMs?: number;
}

export interface IssueRun {
  issued: Notice[];
  /** Bookings left without a notice because their ticket could not be quoted (no rules in force, an unknown exemption). */
  unquoted: { bookingCode: string; code: string }[];
}

/** What a terminal is told: the lock only while it holds. */
export function noticeView(n: Notice, now: string): NoticeView {
  const held = n.status === 'payable' && n.lock !== null && n.lock.lockedUntil > now;
  return {
    noticeCode: n.noticeCode,
    creditorFiscalCode: n.creditorFiscalCode,
    creditorName: n.creditorName,
    subject: n.subject,
    bookingCode: n.bookingCode,
    taxCode: n.taxCode,
    amountCents: n.amountCents,
    dueDate: n.dueDate,
    status: n.status,
    lockedUntil: held ? n.lock!.lockedUntil : null,
  };
}

/**
 * The central's pagoPA notices: credit recovery runs that issue them, and what terminals ask
 * while a citizen pays one (verify, lock, release, what they owe).
 */
export class CentralNotices {
  private readonly store: CentralStore;
  private readonly segregationCode: string;
  private readonly lockMs: number;

  constructor(private readonly o: CentralNoticesOptions) {
    this.store = o.store;
    this.segregationCode = o.segregationCode ?? DEFAULT_SEGREGATION_CODE;
    if (!/^\d{2}$/.test(this.segregationCode)) throw new CupError('SEGREGATION_CODE_INVALID', 'a segregation code is 2 digits', { segregationCode: this.segregationCode });
    this.lockMs = o.lockMs ?? DEFAULT_NOTICE_LOCK_MS;
  }

  /**
   * A credit recovery run as of `asOf` (Europe/Rome; default today): every booking still unpaid
   * whose appointment day is before it, with a ticket above zero and no notice yet, gets one,
   * quoted for its appointment day with the rules held and the band the citizen had declared
   * by then. `onlyCodes` limits the run to those bookings (the demo's).
   */
  async issue(asOf?: IsoDate, onlyCodes?: readonly string[]): Promise<IssueRun> {
    const now = this.o.now();
    const runDate = asOf ?? todayInRome(now);
    const [candidates, ruleSets] = await Promise.all([this.store.noticeCandidates(runDate, onlyCodes), this.o.rules.ruleSets()]);
    const drafts: NoticeDraft[] = [];
    const unquoted: IssueRun['unquoted'] = [];
    for (const booking of candidates) {
      const band = (await this.store.incomeBandOn(booking.taxCode, appointmentDay(booking)))?.band ?? null;
      let amount: number;
      try {
        amount = amountOwed(booking, band, ruleSets);
      } catch (e) {
        if (!(e instanceof CupError)) throw e;
        unquoted.push({ bookingCode: booking.code, code: e.code });
        continue;
      }
      // Nothing owed (exempt, all exempt services): nothing to recover.
      if (amount > 0) drafts.push(draftNotice(booking, amount, runDate));
    }
    const issued = await this.store.issueNotices(drafts, { segregationCode: this.segregationCode, issuedAt: now.toISOString() });
    return { issued, unquoted };
  }

  /** @throws NoticeRefusal BAD_NOTICE, NOTICE_UNKNOWN. */
  async verify(text: string): Promise<NoticeView> {
    return noticeView(await this.find(text), this.o.now().toISOString());
  }

  /** @throws NoticeRefusal BAD_NOTICE, NOTICE_UNKNOWN, NOTICE_LOCKED, NOTICE_PAID, NOTICE_CANCELLED. */
  async lock(text: string, holder: NoticeHolder): Promise<{ lockedUntil: string }> {
    const code = parse(text);
    const now = this.o.now();
    const outcome = await this.store.lockNotice(code, holder, now.toISOString(), new Date(now.getTime() + this.lockMs).toISOString());
    if (outcome.locked) return { lockedUntil: outcome.lockedUntil };
    throw new NoticeRefusal(outcome.reason, REFUSALS[outcome.reason], { noticeCode: code });
  }

  /** True when that payment held the notice. @throws NoticeRefusal BAD_NOTICE. */
  release(text: string, holder: NoticeHolder): Promise<boolean> {
    return this.store.releaseNotice(parse(text), holder);
  }

  /** Bookings unpaid with no notice, and the payable notices, of a citizen (tax code already normalised). */
  async unpaid(taxCode: string): Promise<{ bookings: Booking[]; notices: NoticeView[] }> {
    const [bookings, notices] = await Promise.all([this.store.unpaidBookings(taxCode), this.store.listNotices({ taxCode, status: 'payable' })]);
    const now = this.o.now().toISOString();
    return { bookings, notices: notices.map((n) => noticeView(n, now)) };
  }

  list(filter: NoticeFilter): Promise<Notice[]> {
    return this.store.listNotices(filter);
  }

  /** @throws NoticeRefusal BAD_NOTICE, NOTICE_UNKNOWN. */
  async find(text: string): Promise<Notice> {
    const code = parse(text);
    const notice = await this.store.getNotice(code);
    if (!notice) throw new NoticeRefusal('NOTICE_UNKNOWN', REFUSALS.NOTICE_UNKNOWN, { noticeCode: code });
    return notice;
  }
}

const REFUSALS: Record<Exclude<NoticeErrorCode, 'BAD_NOTICE'>, string> = {
  NOTICE_UNKNOWN: 'no notice with this code was issued here',
  NOTICE_LOCKED: 'another payment of this notice is in progress',
  NOTICE_PAID: 'this notice is already paid',
  NOTICE_CANCELLED: 'this notice was cancelled',
};

/** The 18 digits of a typed code (spaces allowed). @throws NoticeRefusal BAD_NOTICE. */
function parse(text: string): string {
  try {
    return parseNoticeCode(text).noticeCode;
  } catch (e) {
    if (e instanceof CupError) throw new NoticeRefusal('BAD_NOTICE', e.message, e.details);
    throw e;
  }
}
