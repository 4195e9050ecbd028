/**
 * A card payment terminal for development and tests, speaking nexo Sale-to-POI JSON over HTTP on
 * a real socket, as an Adyen terminal does on the LAN (`POST /nexo`). The driver cannot tell it
 * from a terminal except that it needs no TLS. What the next payment does is set beforehand
 * (`next`) or drawn from a seeded generator (plans.ts); the journal makes TransactionStatus,
 * Reversal and the close answer as a terminal would, and `truth()` tells what it charged.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { amountToCents } from '../../pos/amount.ts';
import { decodeRequest, encodeMessage, header, type AnyRequest } from '../../pos/nexo-codec.ts';
import type { ErrorCondition, MessageCategory } from '../../pos/nexo-schema.ts';
import { PosJournal, type SimPayment } from './journal.ts';
import { SimPlans, type RandomOutcomes, type SimOutcome, type SimPlan, type SimPlanOutcome } from './plans.ts';
import { transactionTruth, type PosRefusal, type PosTruth } from './truth.ts';

/** The port Adyen terminals listen on for local Terminal API requests; the simulator's default too. */
export const POS_SIM_DEFAULT_PORT = 8443;
export const POS_SIM_DEFAULT_POI_ID = 'SIM-POS-0001';

export interface PosSimulatorOptions {
  /** Default 0: any free port, as tests want; the CLI passes POS_SIM_DEFAULT_PORT. */
  port?: number;
  /** Default 127.0.0.1: the simulator is for this machine only. */
  host?: string;
  /** Default POS_SIM_DEFAULT_POI_ID. */
  poiId?: string;
  /** How long the simulated cardholder takes, ms, for outcomes without their own delay. Default 0. */
  delayMs?: number;
  /** What a payment does when nothing was set with `next`. Default `approve`. */
  defaultOutcome?: SimOutcome;
  /** Delay of a `late` approval, ms, when `next` gives none. Default 5000. */
  lateMs?: number;
  /** Time off the network of an `offline` plan, ms, when `next` gives none. Default 2000. */
  offlineMs?: number;
  /** Outcomes drawn at random for payments `next` did not plan; default none (`defaultOutcome`). */
  random?: RandomOutcomes;
}

interface Pending {
  payment: SimPayment;
  timer: ReturnType<typeof setTimeout>;
  answer: () => void;
}

const MAX_REQUEST_BYTES = 1 << 16;

export class PosSimulator {
  readonly journal: PosJournal;
  readonly host: string;
  port: number;
  defaultOutcome: SimOutcome;
  delayMs: number;
  private readonly lateMs: number;
  private readonly plans: SimPlans;
  private readonly pending = new Map<SimPayment, Pending>();
  private readonly planned = new Map<SimPayment, SimOutcome>();
  private readonly refused: PosRefusal[] = [];
  private readonly sockets = new Set<Socket>();
  private server: Server | null = null;
  private closed = false;
  /** Requests answered, by category, for tests and the CLI log. */
  readonly served: Record<string, number> = {};
  onRequest: ((category: MessageCategory, summary: string) => void) | null = null;

  private constructor(options: PosSimulatorOptions) {
    this.host = options.host ?? '127.0.0.1';
    this.port = options.port ?? 0;
    this.journal = new PosJournal(options.poiId ?? POS_SIM_DEFAULT_POI_ID);
    this.defaultOutcome = options.defaultOutcome ?? 'approve';
    this.delayMs = options.delayMs ?? 0;
    this.lateMs = options.lateMs ?? 5000;
    this.plans = new SimPlans({
      // Read when a payment is not planned, so a later change of `defaultOutcome` applies.
      defaultOutcome: () => this.defaultOutcome,
      offlineMs: options.offlineMs ?? 2000,
      ...(options.random ? { random: options.random } : {}),
      setOnline: (online) => (online ? this.goOnline() : this.goOffline()),
    });
  }

  static async start(options: PosSimulatorOptions = {}): Promise<PosSimulator> {
    const sim = new PosSimulator(options);
    await sim.goOnline();
    sim.plans.arm();
    return sim;
  }

  get poiId(): string {
    return this.journal.poiId;
  }

  /**
   * Sets what the next payment not yet planned does; calls queue up, one per payment. `replace`
   * forgets the plans set before (those a sale system never came to use).
   */
  next(outcome: SimPlanOutcome, options: { delayMs?: number; replace?: boolean } = {}): this {
    const plan: SimPlan = { outcome };
    if (options.delayMs !== undefined) plan.delayMs = options.delayMs;
    this.plans.push(plan, options.replace);
    return this;
  }

  get online(): boolean {
    return this.server !== null;
  }

  /** Every payment started, how it ended and what it charged, and every request refused. */
  truth(): PosTruth {
    return {
      poiId: this.poiId,
      online: this.online,
      transactions: this.journal.all().map((p) => transactionTruth(p, this.planned.get(p) ?? 'approve')),
      refused: [...this.refused],
      served: { ...this.served },
    };
  }

  /** Stops listening: connections are refused, as from a terminal switched off. Open exchanges finish. */
  async goOffline(): Promise<void> {
    const s = this.server;
    this.server = null;
    // close() stops accepting at once; its callback would wait for open exchanges, which may be long.
    s?.close();
    s?.closeIdleConnections();
  }

  /** Listens again on the same port (a free one the first time when `port` is 0). */
  async goOnline(): Promise<void> {
    if (this.server || this.closed) return;
    const server = createServer((req, res) => void this.onHttp(req, res).catch(() => res.destroy()));
    server.on('connection', (s: Socket) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, this.host, () => resolve());
    });
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  /** Approved payments not reversed, per transaction id: a test's count of what cardholders paid. */
  charges(transactionId?: string): number {
    return this.journal.all().filter((p) => p.state === 'approved' && !p.reversal && (transactionId === undefined || p.transactionId === transactionId)).length;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.plans.close();
    for (const p of this.pending.values()) clearTimeout(p.timer);
    this.pending.clear();
    const s = this.server;
    this.server = null;
    for (const socket of this.sockets) socket.destroy();
    if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
  }

  private async onHttp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'POST' || req.url !== '/nexo') return void res.writeHead(404).end();
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const c of req) {
      size += (c as Buffer).length;
      if (size > MAX_REQUEST_BYTES) return void res.writeHead(413).end();
      chunks.push(c as Buffer);
    }
    const decoded = decodeRequest(Buffer.concat(chunks).toString('utf8'));
    if (!decoded.ok) return void res.writeHead(400, { 'content-type': 'text/plain' }).end(decoded.error.message);
    const r = decoded.value;
    this.served[r.category] = (this.served[r.category] ?? 0) + 1;
    const send = (bodyName: string, body: object, delivered?: () => void): void => {
      if (res.destroyed) return; // the sale system gave up waiting; a terminal just drops the answer
      const h = header({ saleId: r.header.SaleID, poiId: this.poiId }, r.category, 'Response', r.header.ServiceID);
      res.writeHead(200, { 'content-type': 'application/json' }).end(encodeMessage('SaleToPOIResponse', h, bodyName, body), delivered);
    };
    const failure = (bodyName: string, condition: ErrorCondition, message: string, extra: object = {}) =>
      send(bodyName, { Response: { Result: 'Failure', ErrorCondition: condition, AdditionalResponse: `message=${encodeURIComponent(message)}` }, ...extra });
    this.dispatch(r, res, send, failure);
  }

  private dispatch(
    r: AnyRequest,
    res: ServerResponse,
    send: (bodyName: string, body: object, delivered?: () => void) => void,
    failure: (bodyName: string, condition: ErrorCondition, message: string, extra?: object) => void,
  ): void {
    const saleId = r.header.SaleID;
    switch (r.category) {
      case 'Payment': {
        const tx = r.body.SaleData.SaleTransactionID.TransactionID;
        const { Currency, RequestedAmount } = r.body.PaymentTransaction.AmountsReq;
        const cents = amountToCents(RequestedAmount);
        this.onRequest?.('Payment', `${tx} ${String(RequestedAmount)} ${Currency}`);
        const refuse = (reason: PosRefusal['reason']) => this.refused.push({ transactionId: tx, amountCents: typeof cents === 'number' ? cents : null, reason });
        if (Currency !== 'EUR' || typeof cents !== 'number' || cents <= 0) {
          refuse('bad-amount');
          return failure('PaymentResponse', 'MessageFormat', `bad amount ${String(RequestedAmount)} ${Currency}`);
        }
        if (this.journal.find(saleId, r.header.ServiceID) || this.journal.findByTransaction(saleId, tx)) {
          refuse('duplicate');
          return failure('PaymentResponse', 'NotAllowed', 'Duplicate transaction');
        }
        const plan = this.plans.take();
        if (plan.outcome === 'busy' || plan.outcome === 'offline' || this.journal.inProgress()) {
          refuse('busy');
          return failure('PaymentResponse', 'Busy', 'Terminal busy');
        }
        const p = this.journal.start(saleId, r.header.ServiceID, tx, cents);
        this.planned.set(p, plan.outcome);
        const delay = plan.delayMs ?? (plan.outcome === 'late' ? this.lateMs : this.delayMs);
        const answer = () => {
          p.answered = false;
          if (!res.destroyed) send('PaymentResponse', p.response!.body, () => (p.answered = true));
        };
        const timer = setTimeout(() => {
          this.pending.delete(p);
          if (plan.outcome === 'decline') this.journal.refuse(p, 'declined');
          else if (plan.outcome === 'cancel') this.journal.refuse(p, 'cancelled');
          else if (plan.outcome === 'pin-timeout') this.journal.refuse(p, 'timeout');
          else this.journal.approve(p);
          if (plan.outcome === 'lost') {
            p.answered = false;
            return void res.socket?.destroy();
          }
          answer();
        }, delay);
        this.pending.set(p, { payment: p, timer, answer });
        return;
      }
      case 'TransactionStatus': {
        const ref = r.body.MessageReference;
        this.onRequest?.('TransactionStatus', `${ref.MessageCategory} ${ref.ServiceID}`);
        if (ref.MessageCategory === 'Reversal') {
          const p = this.journal.findReversal(ref.SaleID, ref.ServiceID);
          if (!p) return failure('TransactionStatusResponse', 'NotFound', 'Transaction not found');
          const h = header({ saleId: ref.SaleID, poiId: this.poiId }, 'Reversal', 'Response', ref.ServiceID);
          return send('TransactionStatusResponse', { Response: { Result: 'Success' }, MessageReference: ref, RepeatedMessageResponse: { MessageHeader: h, RepeatedResponseMessageBody: { ReversalResponse: this.journal.reversalResponse(p) } } });
        }
        const p = ref.MessageCategory === 'Payment' ? this.journal.find(ref.SaleID, ref.ServiceID) : undefined;
        if (!p) return failure('TransactionStatusResponse', 'NotFound', 'Transaction not found');
        if (p.state === 'in-progress') return failure('TransactionStatusResponse', 'InProgress', 'Uncompleted transaction');
        return send('TransactionStatusResponse', { Response: { Result: 'Success' }, MessageReference: ref, RepeatedMessageResponse: { MessageHeader: p.response!.header, RepeatedResponseMessageBody: { PaymentResponse: p.response!.body } } });
      }
      case 'Reversal': {
        const p = this.journal.findByPoi(r.body.OriginalPOITransaction.POITransactionID.TransactionID);
        this.onRequest?.('Reversal', p?.transactionId ?? '(unknown)');
        if (!p || p.saleId !== saleId) return failure('ReversalResponse', 'NotFound', 'Original transaction not found');
        if (p.state !== 'approved') return failure('ReversalResponse', 'NotAllowed', `Transaction is ${p.state}`);
        return send('ReversalResponse', this.journal.reverse(p, saleId, r.header.ServiceID));
      }
      case 'Abort': {
        const ref = r.body.MessageReference;
        this.onRequest?.('Abort', ref.ServiceID);
        const p = this.journal.find(ref.SaleID, ref.ServiceID);
        const pending = p && this.pending.get(p);
        if (pending) {
          clearTimeout(pending.timer);
          this.pending.delete(pending.payment);
          this.journal.refuse(pending.payment, 'aborted');
          pending.answer();
        }
        // nexo answers an Abort with no message; the aborted payment answers instead.
        return void res.writeHead(200).end();
      }
      case 'Reconciliation': {
        this.onRequest?.('Reconciliation', r.body.ReconciliationType);
        return send('ReconciliationResponse', this.journal.close());
      }
    }
  }
}
