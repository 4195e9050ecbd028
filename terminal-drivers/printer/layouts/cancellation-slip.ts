/**
 * Cancellation receipt (ricevuta di disdetta): which booking was cancelled and when, and what
 * follows: a refund of what was paid (with the request's reference, which the citizen quotes at
 * the desk), nothing due, or a ticket still due because the cancellation came too late.
 */
import { center, code128, cut, feed, formatDateTime, formatEuro, row, rule, text, title, type DocElement, type ReceiptDocument } from '../document.ts';
import type { Lang } from './payment-receipt.ts';

export interface CancellationSlipData {
  /** 12 digits, printed in groups of four. */
  bookingCode: string;
  taxCode: string;
  providerName: string;
  placeName: string;
  /** The appointment that was cancelled: local `YYYY-MM-DDTHH:mm`, Europe/Rome. */
  startsAt: string;
  services: { code: string; description: string }[];
  /** ISO instant of the cancellation; printed as Europe/Rome wall time. */
  cancelledAt: string;
  /** In time: refund or nothing due; late: the ticket stays due. */
  timing: 'in-time' | 'late';
  /** The refund requested for a paid booking cancelled in time. */
  refund?: { refundId: string; amountCents: number };
  terminalId: string;
}

const STRINGS = {
  it: {
    title: 'RICEVUTA DI DISDETTA',
    code: 'Prenotazione disdetta',
    appointment: 'Appuntamento',
    taxCode: 'Codice fiscale',
    services: 'Prestazioni',
    cancelledAt: 'Disdetta il',
    refundHead: 'RIMBORSO RICHIESTO',
    refundAmount: 'Importo',
    refundRef: 'Riferimento',
    refund: 'Il rimborso è disposto dal CUP sul mezzo di pagamento usato o allo sportello: conservi questa ricevuta.',
    nothingDue: 'Nulla da pagare per questa prenotazione.',
    lateHead: 'DISDETTA TARDIVA',
    late: 'La disdetta è giunta meno di 48 ore prima dell\'appuntamento: il ticket resta dovuto.',
    terminal: 'Terminale',
  },
  en: {
    title: 'CANCELLATION RECEIPT',
    code: 'Booking cancelled',
    appointment: 'Appointment',
    taxCode: 'Tax code',
    services: 'Services',
    cancelledAt: 'Cancelled on',
    refundHead: 'REFUND REQUESTED',
    refundAmount: 'Amount',
    refundRef: 'Reference',
    refund: 'The CUP refunds the payment method used, or at the desk: keep this receipt.',
    nothingDue: 'Nothing to pay for this booking.',
    lateHead: 'LATE CANCELLATION',
    late: 'The cancellation came less than 48 hours before the appointment: the ticket is still due.',
    terminal: 'Terminal',
  },
} as const;

export function cancellationSlip(data: CancellationSlipData, lang: Lang = 'it'): ReceiptDocument {
  const t = STRINGS[lang];
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}:\d{2})/.exec(data.startsAt);
  const when = m ? `${m[3]}/${m[2]}/${m[1]} ${m[4]}` : data.startsAt;
  const els: DocElement[] = [
    title(t.title),
    feed(1),
    center(t.code),
    text(data.bookingCode.replace(/(\d{4})(?=\d)/g, '$1 '), { bold: true, doubleWidth: true, align: 'center' }),
    code128(data.bookingCode, false),
    rule(),
    row(t.appointment, when),
    text(data.providerName),
    text(data.placeName),
    row(t.taxCode, data.taxCode),
    text(t.services, { bold: true }),
    ...data.services.map((s) => text(`${s.code} ${s.description}`)),
    rule(),
    row(t.cancelledAt, formatDateTime(data.cancelledAt)),
  ];
  if (data.timing === 'late') els.push(rule(), center(t.lateHead, true), text(t.late));
  else if (data.refund) els.push(rule(), center(t.refundHead, true), row(t.refundAmount, formatEuro(data.refund.amountCents)), row(t.refundRef, data.refund.refundId), text(t.refund));
  else els.push(rule(), text(t.nothingDue));
  els.push(rule(), row(t.terminal, data.terminalId), feed(2), cut());
  return { elements: els };
}
