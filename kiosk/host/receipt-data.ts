/**
 * What a payment's receipt says, from what the store recorded: each item as it was quoted or
 * verified when the payment opened, each approved card part with its authorisation, the cash
 * put in and the change given. Pure.
 */
import type { Booking } from '@cup-kiosk/sync-service/domain';
import type { PaymentReceiptData, ReceiptCardPart, ReceiptItem } from '@cup-kiosk/terminal-drivers/printer';
import type { PayableBooking } from '../bridge/terminal-api.ts';
import type { CardApproval, CardPartRow, PaymentItemRow, PaymentRow } from './payment-schema.ts';
import type { NoticeView } from './ports.ts';

export type ItemDetail = { kind: 'booking'; booking: Booking; quote: PayableBooking } | { kind: 'notice'; notice: NoticeView };

export function itemDetail(row: PaymentItemRow): ItemDetail {
  const d = JSON.parse(row.detail_json) as { booking?: Booking; quote?: PayableBooking; notice?: NoticeView };
  return row.kind === 'booking' ? { kind: 'booking', booking: d.booking!, quote: d.quote! } : { kind: 'notice', notice: d.notice! };
}

/** Who took the money, as the receipt's heading and a voucher name it: the first item's provider or creditor. */
export function payee(items: readonly PaymentItemRow[]): { name: string; fiscalCode: string; placeName: string } {
  const details = items.map(itemDetail);
  const place = details.find((d) => d.kind === 'booking')?.booking.place.name ?? '';
  const first = details[0];
  if (!first) return { name: 'CUP', fiscalCode: '', placeName: '' };
  return first.kind === 'booking'
    ? { name: first.booking.provider.name, fiscalCode: first.booking.provider.fiscalCode, placeName: place }
    : { name: first.notice.creditorName, fiscalCode: first.notice.creditorFiscalCode, placeName: place };
}

const services = (q: PayableBooking) => q.services.map((s) => ({ code: s.code, description: s.description, amountCents: s.exempt ? 0 : s.tariffCents }));

function receiptItem(d: ItemDetail): ReceiptItem {
  if (d.kind === 'booking') {
    return { kind: 'booking', bookingCode: d.booking.code, providerName: d.booking.provider.name, providerFiscalCode: d.booking.provider.fiscalCode, services: services(d.quote) };
  }
  const n = d.notice;
  return { kind: 'notice', noticeCode: n.noticeCode, creditorName: n.creditorName, creditorFiscalCode: n.creditorFiscalCode, subject: n.subject, bookingCode: n.bookingCode, amountCents: n.amountCents };
}

function cardPart(p: CardPartRow): ReceiptCardPart {
  const a = JSON.parse(p.approval_json ?? '{}') as Partial<CardApproval>;
  return { amountCents: p.amount_cents, authorisationCode: a.authorisationCode ?? '', maskedPan: a.maskedPan ?? '', cardholderReceipt: a.cardholderReceipt ?? [] };
}

export interface ReceiptSource {
  payment: PaymentRow;
  items: readonly PaymentItemRow[];
  cardParts: readonly CardPartRow[];
  creditedCents: number;
  terminalId: string;
  verifyUrl: string;
  /** When the payment is closed; a committed payment has it. */
  issuedAt: string;
}

export function receiptData(s: ReceiptSource): PaymentReceiptData {
  const p = s.payment;
  const details = s.items.map(itemDetail);
  const who = payee(s.items);
  const approved = s.cardParts.filter((c) => c.status === 'approved' && c.reversal_pending === 0).map(cardPart);
  const method = p.method === 'mixed' || p.method === 'card' ? p.method : 'cash';
  return {
    transactionId: p.transaction_id ?? p.payment_id,
    issuedAt: s.issuedAt,
    terminalId: s.terminalId,
    providerName: who.name,
    providerFiscalCode: who.fiscalCode,
    placeName: who.placeName,
    bookingCode: p.booking_code,
    payerTaxCode: p.tax_code,
    services: details.flatMap((d) => (d.kind === 'booking' ? services(d.quote) : [])),
    items: details.map(receiptItem),
    totalCents: p.amount_due_cents,
    paidCents: p.paid_cents ?? 0,
    // Only what the hoppers reported paid is printed as given; the rest prints as owed.
    changeCents: p.change_paid_cents ?? 0,
    cashRoundingCents: p.cash_rounding_cents,
    method,
    ...(approved.length > 0 ? { cardParts: approved } : {}),
    ...(method === 'mixed' ? { cashPaidCents: s.creditedCents } : {}),
    verifyUrl: s.verifyUrl,
  };
}
