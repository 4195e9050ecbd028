/**
 * The simulated terminal's journal: every payment it started, how it ended, its reversal, and the
 * period totals a close reports. Pure state, no I/O or timers; the simulator drives it. It keeps
 * the last response to each request so a TransactionStatus can repeat it, as nexo requires.
 */
import { centsToAmount } from '../../pos/amount.ts';
import { header, type SaleContext } from '../../pos/nexo-codec.ts';
import type { MessageHeader, PaymentResponseBody, ResponseBodies, ReversalResponseBody, TransactionIdentification } from '../../pos/nexo-schema.ts';

export type SimPaymentState = 'in-progress' | 'approved' | 'declined' | 'cancelled' | 'timeout' | 'aborted';

export interface SimPayment {
  saleId: string;
  serviceId: string;
  /** The sale's transaction id, as our request carried it. */
  transactionId: string;
  amountCents: number;
  state: SimPaymentState;
  poi: TransactionIdentification;
  /** Set once approved. */
  approval?: { authorisationCode: string; maskedPan: string; brand: string; acquirerReference: string; receipt: string[] };
  reversal?: { serviceId: string; poi: TransactionIdentification; batch: number };
  /** The close period the approval falls in. */
  batch: number;
  /** The PaymentResponse the terminal gave (or would have given), once the payment ended. */
  response?: { header: MessageHeader; body: PaymentResponseBody };
  /** True once that response reached the sale system's connection; false when it was lost. */
  answered?: boolean;
}

/** Cards the simulator pretends were presented, in turn: brand and masked number as receipts show them. */
const CARDS = [
  { brand: 'MASTERCARD', maskedPan: '541333******9999' },
  { brand: 'VISA', maskedPan: '476173******0010' },
  { brand: 'MAESTRO', maskedPan: '679999******0019' },
];

const key = (saleId: string, serviceId: string) => `${saleId}|${serviceId}`;

/** `1234` → `12,34` as an Italian receipt writes an amount. */
const euro = (cents: number) => `${Math.trunc(cents / 100)},${String(cents % 100).padStart(2, '0')}`;

export class PosJournal {
  private readonly payments = new Map<string, SimPayment>();
  private readonly byTransaction = new Map<string, SimPayment>();
  private readonly byPoi = new Map<string, SimPayment>();
  private readonly reversals = new Map<string, SimPayment>();
  private seq = 0;
  private batch = 1;

  constructor(
    readonly poiId: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** The payment a request refers to by (SaleID, ServiceID), or that carried `transactionId`. */
  find(saleId: string, serviceId: string): SimPayment | undefined {
    return this.payments.get(key(saleId, serviceId));
  }

  findByTransaction(saleId: string, transactionId: string): SimPayment | undefined {
    return this.byTransaction.get(key(saleId, transactionId));
  }

  findReversal(saleId: string, serviceId: string): SimPayment | undefined {
    return this.reversals.get(key(saleId, serviceId));
  }

  findByPoi(poiTransactionId: string): SimPayment | undefined {
    return this.byPoi.get(poiTransactionId);
  }

  all(): SimPayment[] {
    return [...this.payments.values()];
  }

  inProgress(): SimPayment | undefined {
    return this.all().find((p) => p.state === 'in-progress');
  }

  private nextPoi(): TransactionIdentification {
    this.seq++;
    return { TransactionID: `${this.poiId}.${String(this.seq).padStart(6, '0')}`, TimeStamp: this.now().toISOString() };
  }

  start(saleId: string, serviceId: string, transactionId: string, amountCents: number): SimPayment {
    const p: SimPayment = { saleId, serviceId, transactionId, amountCents, state: 'in-progress', poi: this.nextPoi(), batch: this.batch };
    this.payments.set(key(saleId, serviceId), p);
    this.byTransaction.set(key(saleId, transactionId), p);
    this.byPoi.set(p.poi.TransactionID, p);
    return p;
  }

  approve(p: SimPayment): void {
    const card = CARDS[this.seq % CARDS.length]!;
    const authorisationCode = String(100000 + ((this.seq * 7919) % 900000));
    const acquirerReference = `ACQ${p.poi.TimeStamp.slice(0, 10).replace(/-/g, '')}${String(this.seq).padStart(8, '0')}`;
    const receipt = [
      'CUP KIOSK',
      'ACQUISTO / PURCHASE',
      `CARTA ${card.brand}`,
      `PAN ${card.maskedPan}`,
      `IMPORTO EUR ${euro(p.amountCents)}`,
      `AUT. ${authorisationCode}`,
      `TML ${this.poiId}`,
      `OPER. ${p.poi.TransactionID.split('.').at(-1)}`,
      `DATA ${p.poi.TimeStamp.slice(0, 19).replace('T', ' ')}`,
      'TRANSAZIONE ESEGUITA',
      'COPIA TITOLARE',
    ];
    p.state = 'approved';
    p.batch = this.batch;
    p.approval = { authorisationCode, maskedPan: card.maskedPan, brand: card.brand, acquirerReference, receipt };
    this.respond(p, { Result: 'Success' });
  }

  /** Ends a payment that was not taken, with nexo's condition and the terminal's message. */
  refuse(p: SimPayment, state: Exclude<SimPaymentState, 'in-progress' | 'approved'>): void {
    p.state = state;
    const why = {
      declined: { ErrorCondition: 'Refusal', AdditionalResponse: 'refusalReason=Refused&message=Declined by the issuer' },
      cancelled: { ErrorCondition: 'Cancel', AdditionalResponse: 'message=Cancelled by the cardholder' },
      timeout: { ErrorCondition: 'Cancel', AdditionalResponse: 'message=PIN entry timeout' },
      aborted: { ErrorCondition: 'Aborted', AdditionalResponse: 'message=Aborted by the sale system' },
    } as const;
    this.respond(p, { Result: 'Failure', ...why[state] });
  }

  private respond(p: SimPayment, response: PaymentResponseBody['Response']): void {
    const ctx: SaleContext = { saleId: p.saleId, poiId: this.poiId };
    const body: PaymentResponseBody = {
      Response: response,
      SaleData: { SaleTransactionID: { TransactionID: p.transactionId, TimeStamp: p.poi.TimeStamp } },
      POIData: { POITransactionID: p.poi },
    };
    const a = p.approval;
    if (a) {
      body.PaymentResult = {
        AmountsResp: { Currency: 'EUR', AuthorizedAmount: centsToAmount(p.amountCents) },
        PaymentInstrumentData: { PaymentInstrumentType: 'Card', CardData: { MaskedPan: a.maskedPan, PaymentBrand: a.brand } },
        PaymentAcquirerData: { AcquirerTransactionID: { TransactionID: a.acquirerReference, TimeStamp: p.poi.TimeStamp }, ApprovalCode: a.authorisationCode, AcquirerPOIID: this.poiId },
      };
      body.PaymentReceipt = [
        { DocumentQualifier: 'CustomerReceipt', RequiredSignatureFlag: false, OutputContent: { OutputFormat: 'Text', OutputText: a.receipt.map((Text) => ({ Text })) } },
        { DocumentQualifier: 'CashierReceipt', RequiredSignatureFlag: false, OutputContent: { OutputFormat: 'Text', OutputText: a.receipt.slice(0, -1).map((Text) => ({ Text })).concat([{ Text: 'COPIA ESERCENTE' }]) } },
      ];
    }
    p.response = { header: header(ctx, 'Payment', 'Response', p.serviceId), body };
  }

  /**
   * Reverses an approved payment. Reversing it again answers as the first time did, so a
   * reversal whose answer was lost can be sent again safely.
   */
  reverse(p: SimPayment, saleId: string, serviceId: string): ReversalResponseBody {
    if (!p.reversal) {
      p.reversal = { serviceId, poi: this.nextPoi(), batch: this.batch };
    }
    this.reversals.set(key(saleId, serviceId), p);
    return this.reversalResponse(p);
  }

  reversalResponse(p: SimPayment): ReversalResponseBody {
    return {
      Response: { Result: 'Success' },
      POIData: { POITransactionID: p.reversal!.poi },
      OriginalPOITransaction: { POITransactionID: p.poi },
      ReversedAmount: centsToAmount(p.amountCents),
    };
  }

  /** The running period's totals, as a close would report them. */
  totals(): { debit: { count: number; cents: number }; reverseDebit: { count: number; cents: number } } {
    const debit = { count: 0, cents: 0 };
    const reverseDebit = { count: 0, cents: 0 };
    for (const p of this.payments.values()) {
      if (p.approval && p.batch === this.batch) {
        debit.count++;
        debit.cents += p.amountCents;
      }
      if (p.reversal && p.reversal.batch === this.batch) {
        reverseDebit.count++;
        reverseDebit.cents += p.amountCents;
      }
    }
    return { debit, reverseDebit };
  }

  /** Ends the period: its totals, and a new period begins. */
  close(): ResponseBodies['Reconciliation'] {
    const { debit, reverseDebit } = this.totals();
    const id = this.batch++;
    const PaymentTotals = [
      { TransactionType: 'Debit', TransactionCount: debit.count, TransactionAmount: centsToAmount(debit.cents) },
      { TransactionType: 'ReverseDebit', TransactionCount: reverseDebit.count, TransactionAmount: centsToAmount(reverseDebit.cents) },
    ].filter((t) => t.TransactionCount > 0);
    return {
      Response: { Result: 'Success' },
      ReconciliationType: 'SaleReconciliation',
      POIReconciliationID: String(id),
      TransactionTotals: PaymentTotals.length > 0 ? [{ PaymentInstrumentType: 'Card', PaymentCurrency: 'EUR', PaymentTotals }] : [],
    };
  }
}
