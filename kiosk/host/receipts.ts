import { todayInRome } from '@cup-kiosk/sync-service/domain';
import type { ReceiptPrinted } from '../bridge/terminal-api.ts';
import type { VoucherDue } from './cash/cash-service.ts';
import type { PaymentRow, PaymentStore } from './payment-store.ts';
import type { ReceiptPrinterPort } from './ports.ts';
import { payee, receiptData } from './receipt-data.ts';

/** How long a voucher can be redeemed at a desk. */
const VOUCHER_VALID_DAYS = 365;

/** The paper a payment leaves: its receipt, and a voucher for money the kiosk owes. */
export class Receipts {
  constructor(
    private readonly o: {
      store: PaymentStore;
      printer: ReceiptPrinterPort;
      terminalId: string;
      /** Where a receipt's QR points to verify it; the transaction id is appended. */
      verifyBaseUrl: string;
      now: () => Date;
    },
  ) {}

  /** Prints the receipt of a committed payment as the store recorded it. */
  async receipt(p: PaymentRow & { transaction_id: string }): Promise<ReceiptPrinted> {
    const { store } = this.o;
    const { text, svg } = await this.o.printer.printPaymentReceipt(
      receiptData({
        payment: p,
        items: await store.items(p.payment_id),
        cardParts: await store.cardParts(p.payment_id),
        creditedCents: await store.creditedTo(p.payment_id),
        terminalId: this.o.terminalId,
        verifyUrl: `${this.o.verifyBaseUrl}${encodeURIComponent(p.transaction_id)}`,
        issuedAt: p.closed_at ?? this.o.now().toISOString(),
      }),
    );
    await store.markPrinted(p.transaction_id);
    return { transactionId: p.transaction_id, text, svg, changePaidCents: p.change_paid_cents ?? 0, voucherCents: p.voucher_cents ?? 0 };
  }

  async voucher(v: VoucherDue): Promise<void> {
    const p = await this.o.store.payment(v.paymentId);
    const who = payee(p ? await this.o.store.items(v.paymentId) : []);
    const issued = this.o.now();
    const validUntil = new Date(issued.getTime() + VOUCHER_VALID_DAYS * 86_400_000);
    await this.o.printer.printVoucher({
      voucherCode: v.key.replace(/[^0-9a-f]/gi, '').slice(0, 20).toUpperCase(),
      amountCents: v.amountCents,
      reason: v.reason,
      transactionId: p?.transaction_id ?? v.paymentId,
      paymentId: v.paymentId,
      issuedAt: issued.toISOString(),
      validUntil: todayInRome(validUntil),
      terminalId: this.o.terminalId,
      providerName: who.name,
      placeName: who.placeName,
      ...(p ? { payerTaxCode: p.tax_code } : {}),
      redeemAt: 'qualsiasi sportello CUP',
    });
  }
}
