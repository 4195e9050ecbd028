/**
 * Booking slip (promemoria di prenotazione): where and when, what to bring or do before, the
 * booking code as Code 128 and QR for the desk's scanner, and how to cancel in time, since an
 * appointment missed without cancelling may be charged.
 */
import { center, code128, cut, feed, qr, row, rule, text, title, type DocElement, type ReceiptDocument } from '../document.ts';
import type { Lang } from './payment-receipt.ts';

export interface BookingSlipData {
  /** 12 digits; printed in groups of four and encoded in Code 128 set C. */
  bookingCode: string;
  taxCode: string;
  citizenName?: string;
  providerName: string;
  placeName: string;
  placeAddress: string;
  /** Local start, `YYYY-MM-DDTHH:mm` Europe/Rome. */
  startsAt: string;
  services: { code: string; description: string }[];
  preparationNotes?: string[];
  /** How to cancel: the CUP phone number and/or web address, and the notice required. */
  cancel: { phone?: string; url?: string; hoursBefore: number };
  /** Encoded in the QR; defaults to the booking code. */
  qrData?: string;
  /** Booked offline from the terminal's last agenda: the centre has still to confirm it. Default false. */
  provisional?: boolean;
  /** Booked on a campaign's invitation (its name): the letter, not a prescription, and no ticket. */
  campaign?: string;
}

const STRINGS = {
  it: {
    title: 'PROMEMORIA PRENOTAZIONE',
    code: 'Codice prenotazione',
    date: 'Data',
    time: 'Ora',
    place: 'Luogo',
    patient: 'Assistito',
    taxCode: 'Codice fiscale',
    services: 'Prestazioni',
    notes: 'Preparazione',
    cancelHead: 'Per disdire',
    cancel: (h: number) => `Se non può presentarsi, disdica almeno ${h} ore prima: la mancata disdetta può comportare il pagamento del ticket.`,
    phone: 'Telefono',
    web: 'Web',
    bring: "Porti con sé la tessera sanitaria e l'impegnativa.",
    invitation: 'Su invito',
    bringInvited: "Porti con sé la tessera sanitaria e la lettera d'invito, se l'ha ricevuta.",
    cancelInvited: (h: number) => `Se non può presentarsi, disdica almeno ${h} ore prima: il posto andrà a un'altra persona invitata.`,
    provisionalHead: 'PRENOTAZIONE PROVVISORIA',
    provisional: 'Fatta senza collegamento con il CUP: sarà confermata appena il terminale si ricollega. Se l\'orario non fosse più libero, il CUP la richiamerà.',
  },
  en: {
    title: 'BOOKING REMINDER',
    code: 'Booking code',
    date: 'Date',
    time: 'Time',
    place: 'Place',
    patient: 'Patient',
    taxCode: 'Tax code',
    services: 'Services',
    notes: 'Preparation',
    cancelHead: 'To cancel',
    cancel: (h: number) => `If you cannot attend, cancel at least ${h} hours before: a missed appointment may be charged.`,
    phone: 'Phone',
    web: 'Web',
    bring: 'Bring your health card and the prescription.',
    invitation: 'On invitation',
    bringInvited: 'Bring your health card and the invitation letter, if you received one.',
    cancelInvited: (h: number) => `If you cannot attend, cancel at least ${h} hours before: the place will go to another person invited.`,
    provisionalHead: 'PROVISIONAL BOOKING',
    provisional: 'Made without a connection to the CUP: it will be confirmed as soon as the terminal reconnects. If the time is no longer free, the CUP will call you back.',
  },
} as const;

/** `2025-03-12T10:40` → date `12/03/2025`, time `10:40`, without any time-zone arithmetic. */
function splitLocal(startsAt: string): { date: string; time: string } {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(startsAt);
  return m ? { date: `${m[3]}/${m[2]}/${m[1]}`, time: `${m[4]}:${m[5]}` } : { date: startsAt, time: '' };
}

export function bookingSlip(data: BookingSlipData, lang: Lang = 'it'): ReceiptDocument {
  const t = STRINGS[lang];
  const { date, time } = splitLocal(data.startsAt);
  const grouped = data.bookingCode.replace(/(\d{4})(?=\d)/g, '$1 ');
  const els: DocElement[] = [
    title(t.title),
    ...(data.provisional ? [rule(), center(t.provisionalHead, true), text(t.provisional), rule()] : []),
    ...(data.campaign ? [center(`${t.invitation}: ${data.campaign}`, true)] : []),
    feed(1),
    center(data.providerName, true),
    rule(),
    text(`${t.date} ${date}  ${t.time} ${time}`, { bold: true, doubleHeight: true, align: 'center' }),
    rule(),
    text(t.place, { bold: true }),
    text(data.placeName),
    text(data.placeAddress),
    rule(),
  ];
  if (data.citizenName) els.push(row(t.patient, data.citizenName));
  els.push(row(t.taxCode, data.taxCode), text(t.services, { bold: true }));
  for (const s of data.services) els.push(text(`${s.code} ${s.description}`));
  if (data.preparationNotes?.length) {
    els.push(rule(), text(t.notes, { bold: true }));
    for (const n of data.preparationNotes) els.push(text(`- ${n}`));
  }
  els.push(text(data.campaign ? t.bringInvited : t.bring), rule(), center(t.code), text(grouped, { bold: true, doubleWidth: true, align: 'center' }));
  els.push(code128(data.bookingCode, false), feed(1), qr(data.qrData ?? data.bookingCode, 5), rule());
  els.push(text(t.cancelHead, { bold: true }), text((data.campaign ? t.cancelInvited : t.cancel)(data.cancel.hoursBefore)));
  if (data.cancel.phone) els.push(row(t.phone, data.cancel.phone));
  if (data.cancel.url) els.push(text(`${t.web}: ${data.cancel.url}`));
  els.push(feed(2), cut());
  return { elements: els };
}
