import { CupError, todayInRome } from '@cup-kiosk/sync-service/domain';
import type { Database, Outbox, Transaction } from '@cup-kiosk/sync-service/outbox';
import type {
  CounterApi,
  CounterCashInput,
  CounterCashTaken,
  CounterDayClosed,
  CounterDayTotals,
  CounterLoginInput,
  CounterOperator,
  CounterSession,
} from '../../bridge/counter-api.ts';
import type { TerminalEvent } from '../../bridge/terminal-api.ts';
import type { CashLedger } from '../cash/cash-ledger.ts';
import { commitPayment, paymentTotals, recordChange } from '../payment-commit.ts';
import type { PaymentRow } from '../payment-schema.ts';
import { cashDueCents, paidInFull } from '../payment-sums.ts';
import { afterWrongPin, hashPin, isLocked, MAX_PIN_FAILURES, pinMatches, UNLOCKED, type PinLock } from '../service/service-pin.ts';
import type { ServicePrinterPort } from '../service/service-printer.ts';
import type { AuditRecord, ServiceStore } from '../service/service-store.ts';
import { counterClosePayload } from './counter-close-payload.ts';
import { dayTotals } from './counter-day.ts';
import { counterCloseSheet } from './counter-sheet.ts';
import type { CounterStore } from './counter-store.ts';

export interface CounterDeskOptions {
  store: CounterStore;
  /** The terminal's audit log (the service mode's): counter actions are written beside the technician's. */
  audit: ServiceStore;
  db: Database;
  outbox: Outbox;
  ledger: CashLedger;
  printer: ServicePrinterPort;
  terminalId: string;
  /** Printed on the close sheet; default `Terminale <id>`. */
  placeName?: string;
  /** Whether a payment is open: the operator changes and the day closes only without one. */
  paymentOpen(): Promise<boolean>;
  publish(e: TerminalEvent): void;
  /** Tells the sync client there is something to send. */
  kick(): void;
  now?: () => Date;
}

/** Most a citizen may hand over for one payment, as a typing slip guard: €10,000. */
const MAX_TENDERED_CENTS = 1_000_000;

const failure = (e: unknown) => ({
  code: typeof (e as { code?: unknown })?.code === 'string' ? (e as { code: string }).code : 'PRINT_FAILED',
  message: e instanceof Error ? e.message : String(e),
});

/**
 * The pharmacy counter on the host: operators sign in with code and PIN (the technician's PIN
 * rules: scrypt hash, five wrong tries lock for five minutes, on disk), payments begun while one
 * is signed in are theirs, cash is counted by the operator, and each operator closes their day.
 * Everything is written to the terminal's SQLite before its answer goes back.
 */
export class CounterDesk implements CounterApi {
  private session: CounterSession | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly now: () => Date;
  /** Checked against when the code is unknown, so an unknown code takes as long as a wrong PIN. */
  private decoy: string | null = null;

  constructor(private readonly o: CounterDeskOptions) {
    this.now = o.now ?? (() => new Date());
  }

  counterLogin(input: CounterLoginInput): Promise<CounterSession> {
    return this.serial(async () => {
      const code = String(input?.code ?? '').trim().toUpperCase().slice(0, 20);
      const pin = typeof input?.pin === 'string' ? input.pin : '';
      const who = `operatore ${code || '?'}`;
      const now = this.now();
      const operator = code ? await this.o.store.operator(code) : null;
      if (!operator) {
        pinMatches(pin, (this.decoy ??= hashPin('decoy')));
        await this.o.audit.record({ technician: who, action: 'counter-login', outcome: 'refused', code: 'COUNTER_LOGIN_WRONG', summary: 'codice sconosciuto' });
        throw new CupError('COUNTER_LOGIN_WRONG', 'wrong operator code or PIN');
      }
      if (isLocked(operator.lock, now)) {
        await this.o.audit.record({ technician: who, action: 'counter-login', outcome: 'refused', code: 'COUNTER_LOCKED', summary: `bloccato fino a ${operator.lock.lockedUntil}` });
        throw new CupError('COUNTER_LOCKED', `too many wrong PINs: ${code} is locked until ${operator.lock.lockedUntil}`);
      }
      if (!pinMatches(pin, operator.pinHash)) {
        const next = afterWrongPin(operator.lock, now);
        const refused = next.lockedUntil ? 'COUNTER_LOCKED' : 'COUNTER_LOGIN_WRONG';
        await this.saveLock(code, next, { technician: who, action: 'counter-login', outcome: 'refused', code: refused, summary: next.lockedUntil ? `PIN errato, bloccato fino a ${next.lockedUntil}` : `PIN errato (${next.failures} di ${MAX_PIN_FAILURES})` });
        if (next.lockedUntil) throw new CupError('COUNTER_LOCKED', `${MAX_PIN_FAILURES} wrong PINs: ${code} is locked until ${next.lockedUntil}`);
        throw new CupError('COUNTER_LOGIN_WRONG', `wrong operator code or PIN; ${MAX_PIN_FAILURES - next.failures} tries left before the lockout`);
      }
      const refuse = async (c: string, message: string, summary: string): Promise<never> => {
        await this.saveLock(code, UNLOCKED, { technician: who, action: 'counter-login', outcome: 'refused', code: c, summary });
        throw new CupError(c, message);
      };
      if (operator.disabledAt) await refuse('COUNTER_OPERATOR_DISABLED', `operator ${code} was disabled on ${operator.disabledAt}`, 'operatore disabilitato');
      const day = todayInRome(now);
      if (await this.o.store.close(code, day)) await refuse('COUNTER_DAY_CLOSED', `${code} closed ${day} already`, `giornata ${day} già chiusa`);
      if (this.session && (await this.o.paymentOpen())) await refuse('COUNTER_BUSY', 'a payment is open: finish it first', 'pagamento in corso');
      await this.saveLock(code, UNLOCKED, { technician: who, action: 'counter-login', outcome: 'ok', summary: 'operatore entrato' });
      this.session = { operator: { code, name: operator.name }, signedInAt: now.toISOString(), day };
      return this.session;
    });
  }

  counterLogout(): Promise<void> {
    return this.serial(async () => {
      const s = this.session;
      if (!s) return;
      this.session = null;
      await this.o.audit.record({ technician: `operatore ${s.operator.code}`, action: 'counter-logout', outcome: 'ok', summary: 'operatore uscito' });
    });
  }

  async counterSession(): Promise<CounterSession | null> {
    return this.session;
  }

  /** The operator a payment begun now belongs to; rejects COUNTER_NOT_SIGNED_IN. */
  operatorForPayment(): string {
    return this.signedIn().operator.code;
  }

  /** Inside the transaction that opens a payment. */
  recordPaymentOperator(tx: Transaction, paymentId: string, operator: string): Promise<void> {
    return this.o.store.recordPaymentOperator(tx, paymentId, operator);
  }

  counterCash(input: CounterCashInput): Promise<CounterCashTaken> {
    return this.serial(async () => {
      const s = this.signedIn();
      const paymentId = String(input?.paymentId ?? '');
      const tendered = input?.tenderedCents;
      if (typeof tendered !== 'number' || !Number.isInteger(tendered) || tendered < 0 || tendered > MAX_TENDERED_CENTS) {
        throw new CupError('COUNTER_TENDERED_INVALID', `the amount tendered is whole cents from 0 to ${MAX_TENDERED_CENTS}`);
      }
      const ctx = { outbox: this.o.outbox, terminalId: this.o.terminalId, now: this.now };
      const taken = await this.o.db.transaction(async (tx) => {
        const p = await tx.get<PaymentRow>(`SELECT * FROM payments WHERE payment_id = ?`, [paymentId]);
        if (p?.status !== 'open') throw new CupError('PAYMENT_NOT_OPEN', `payment ${paymentId} is not open`);
        if ((await this.o.store.paymentOperator(tx, paymentId)) !== s.operator.code) throw new CupError('COUNTER_PAYMENT_NOT_YOURS', `payment ${paymentId} was not begun by ${s.operator.code}`);
        const t = await paymentTotals(tx, this.o.ledger, p);
        if (t.cardRunning) throw new CupError('CARD_PART_RUNNING', `a card part of ${paymentId} is on the POS`);
        const due = cashDueCents(t);
        if (tendered < due) throw new CupError('COUNTER_TENDERED_SHORT', `${tendered} cents tendered, ${due} due`);
        // The operator's count stands for the coins a kiosk would credit: the same sums close the payment.
        const paid = paidInFull({ ...t, creditedCents: t.creditedCents + tendered }, 'cash')!;
        const committed = await commitPayment(tx, ctx, p, paid, t.approvedCardCents);
        // The operator hands the change over the counter: settled now, nothing is owed on a voucher.
        await recordChange(tx, paymentId, paid.changeDueCents, 0);
        await this.o.store.recordCash(tx, paymentId, tendered, paid.changeDueCents);
        await this.o.audit.record({ technician: `operatore ${s.operator.code}`, action: 'counter-cash', outcome: 'ok', summary: `${committed.transactionId}: ricevuti ${tendered}, resto ${paid.changeDueCents}` }, tx);
        return { committed, due };
      });
      this.o.publish({ type: 'payment.committed', paymentId, ...taken.committed });
      this.o.kick();
      return { transactionId: taken.committed.transactionId, cashDueCents: taken.due, tenderedCents: tendered, changeCents: taken.committed.changeDueCents };
    });
  }

  counterDayTotals(): Promise<CounterDayTotals> {
    return this.serial(async () => {
      const s = this.signedIn();
      return this.totals(s.operator, s.day);
    });
  }

  counterCloseDay(): Promise<CounterDayClosed> {
    return this.serial(async () => {
      const s = this.signedIn();
      if (await this.o.paymentOpen()) throw new CupError('PAYMENT_OPEN', 'a payment is open: finish it before closing the day');
      const { operator, day } = s;
      const totals = await this.totals(operator, day);
      const fresh = { closeId: `${this.o.terminalId}-${operator.code}-${day}`, closedAt: this.now().toISOString(), totalsJson: JSON.stringify(totals) };
      await this.o.db.transaction(async (tx) => {
        // One close per operator-day; signing in again after it is refused, so it holds every payment of the day.
        if (!(await this.o.store.recordClose(tx, operator.code, day, fresh))) throw new CupError('COUNTER_DAY_CLOSED', `${operator.code} closed ${day} already`);
        await this.o.outbox.enqueue(tx, { kind: 'counter-close', key: `counter-close:${fresh.closeId}`, payload: counterClosePayload(this.o.terminalId, fresh, totals) });
        await this.o.audit.record({ technician: `operatore ${operator.code}`, action: 'counter-close', outcome: 'ok', summary: `${totals.payments} pagamenti, ${totals.totalCents} centesimi` }, tx);
      });
      this.o.kick();
      const closed: CounterDayClosed = { ...totals, closeId: fresh.closeId, closedAt: fresh.closedAt, printed: null };
      // The close is on disk and queued: paper can fail, the close cannot be lost.
      try {
        closed.printed = (await this.o.printer.print(counterCloseSheet(closed, { terminalId: this.o.terminalId, placeName: this.o.placeName ?? `Terminale ${this.o.terminalId}` }))).text;
      } catch (e) {
        closed.printError = failure(e);
      }
      this.session = null;
      await this.o.audit.record({ technician: `operatore ${operator.code}`, action: 'counter-logout', outcome: 'ok', summary: 'giornata chiusa, operatore uscito' });
      return closed;
    });
  }

  /** Everything the operator took since their previous close: a payment after midnight is in the next close, never in none. */
  private async totals(operator: CounterOperator, day: string): Promise<CounterDayTotals> {
    const since = (await this.o.store.lastCloseAt(operator.code)) ?? '';
    const { payments, items } = await this.o.store.committed(operator.code, since);
    return dayTotals(operator, day, payments, items);
  }

  private signedIn(): CounterSession {
    if (!this.session) throw new CupError('COUNTER_NOT_SIGNED_IN', 'no operator is signed in');
    return this.session;
  }

  private async saveLock(code: string, lock: PinLock, audit: AuditRecord): Promise<void> {
    await this.o.db.transaction(async (tx) => {
      await this.o.store.saveLock(code, lock, tx);
      await this.o.audit.record(audit, tx);
    });
  }

  /** One command at a time: a close never counts while a payment commits. */
  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => {});
    return run;
  }
}
