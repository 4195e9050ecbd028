import { classify, CupError, roundCashTotal } from '@cup-kiosk/sync-service/domain';
import type { PayableNotice } from '../bridge/terminal-api.ts';
import type { CentralPort, NoticeView, UnpaidAtCentral } from './ports.ts';
import { askCentral } from './central-offline.ts';

const OFFLINE_MESSAGE = "a notice is payable only while the kiosk is connected to the CUP; a booking's ticket is payable offline";

/** The kiosk cannot ask the central about notices now (or its central takes none). */
export class NoticeOfflineError extends CupError {
  constructor(cause?: string) {
    super('NOTICE_OFFLINE', OFFLINE_MESSAGE, cause ? { cause } : undefined);
  }
}

/**
 * The notice code in what the citizen showed: the pagoPA QR text or the 18-digit code typed
 * (spaces allowed). Rejects BAD_NOTICE, naming what failed, for anything else.
 */
export function noticeCodeIn(text: string, today: Date = new Date()): string {
  const c = classify(String(text), today);
  if (c.kind === 'pagopa') return c.noticeCode;
  const why = c.kind === 'unknown' ? c.reason : `this is a ${c.kind} code`;
  throw new CupError('BAD_NOTICE', `not a pagoPA notice: ${why}`, { text: String(text) });
}

/** A notice as the screen shows it; `paidHere`: this kiosk took the money, the central may not know yet. */
export function payableNotice(n: NoticeView, paidHere: boolean): PayableNotice {
  return {
    noticeCode: n.noticeCode,
    creditorFiscalCode: n.creditorFiscalCode,
    creditorName: n.creditorName,
    subject: n.subject,
    bookingCode: n.bookingCode,
    taxCode: n.taxCode,
    amountDueCents: n.amountCents,
    cashDueCents: roundCashTotal(n.amountCents),
    dueDate: n.dueDate,
    status: paidHere ? 'paid' : n.status,
  };
}

/**
 * pagoPA notices through the central: a notice is the central's, so it is payable only while
 * the central answers, and a payment holds it (a lock with the payment's id) from before the
 * payment opens until it is paid or given up, so two channels never take it at once.
 */
export class NoticeDesk {
  constructor(private readonly central: CentralPort) {}

  /** The notice as the central holds it now; NOTICE_OFFLINE when it cannot be asked. */
  async verify(noticeCode: string): Promise<NoticeView> {
    const verify = this.central.verifyNotice?.bind(this.central);
    if (!verify) throw new NoticeOfflineError('no notices at this central');
    return this.online(() => verify(noticeCode));
  }

  /**
   * Verifies each notice payable and locks it for the payment, in order. A refusal (paid,
   * cancelled, locked by another payment, offline) releases the locks already taken and rejects.
   */
  async lockAll(noticeCodes: readonly string[], paymentId: string): Promise<NoticeView[]> {
    if (noticeCodes.length === 0) return [];
    const lock = this.central.lockNotice?.bind(this.central);
    if (!lock) throw new NoticeOfflineError('no notices at this central');
    const verified: NoticeView[] = [];
    for (const code of noticeCodes) verified.push(payableOrThrow(await this.verify(code)));
    const locked: NoticeView[] = [];
    try {
      for (const n of verified) locked.push({ ...n, ...(await this.online(() => lock(n.noticeCode, paymentId))) });
    } catch (e) {
      await this.releaseAll(locked.map((n) => n.noticeCode), paymentId);
      throw e;
    }
    return locked;
  }

  /**
   * Lets go of the notices a payment held. Best effort: a lock the central does not hear about
   * ends on its own at `lockedUntil`.
   */
  async releaseAll(noticeCodes: readonly string[], paymentId: string): Promise<void> {
    for (const code of noticeCodes) await this.central.releaseNotice?.(code, paymentId).catch(() => {});
  }

  /** A citizen's unpaid bookings and notices as the central lists them; NOTICE_OFFLINE when it cannot. */
  async unpaid(taxCode: string): Promise<UnpaidAtCentral> {
    const list = this.central.unpaidTickets?.bind(this.central);
    if (!list) throw new NoticeOfflineError('no notices at this central');
    return this.online(() => list(taxCode));
  }

  private online<T>(ask: () => Promise<T>): Promise<T> {
    return askCentral(ask, (cause) => new NoticeOfflineError(cause));
  }
}

/** The notice, when it can be paid now; NOTICE_PAID or NOTICE_CANCELLED otherwise. */
function payableOrThrow(n: NoticeView): NoticeView {
  if (n.status === 'paid') throw new CupError('NOTICE_PAID', `notice ${n.noticeCode} is already paid`, { noticeCode: n.noticeCode });
  if (n.status === 'cancelled') throw new CupError('NOTICE_CANCELLED', `notice ${n.noticeCode} was cancelled by its creditor`, { noticeCode: n.noticeCode });
  return n;
}
