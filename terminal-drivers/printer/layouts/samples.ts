/**
 * Sample data for each layout: the CLI's `receipt render` default, the developer panel, the
 * benchmark and the golden tests use the same receipts.
 */
import type { BookingSlipData } from './booking-slip.ts';
import type { PaymentReceiptData } from './payment-receipt.ts';

export const SAMPLE_PAYMENT: PaymentReceiptData = {
  transactionId: 'TX-20250312-000042',
  issuedAt: '2025-03-12T09:42:00Z',
  terminalId: 'KIOSK-RM-001',
  providerName: 'ASL Roma 1',
  providerFiscalCode: '13664791004',
  placeName: 'Poliambulatorio Santo Spirito',
  bookingCode: '202503120042',
  payerTaxCode: 'RSSMRA80A01H501U',
  payerName: 'Mario Rossi',
  services: [
    { code: '89.7', description: 'Prima visita cardiologica', amountCents: 2300 },
    { code: '89.52', description: 'Elettrocardiogramma', amountCents: 928 },
  ],
  totalCents: 3228,
  paidCents: 5000,
  changeCents: 1772,
  method: 'cash',
  verifyUrl: 'https://cup.example.it/r/TX-20250312-000042',
};

export const SAMPLE_BOOKING: BookingSlipData = {
  bookingCode: '202503120042',
  taxCode: 'RSSMRA80A01H501U',
  citizenName: 'Mario Rossi',
  providerName: 'ASL Roma 1',
  placeName: 'Poliambulatorio Santo Spirito, piano 2, stanza 14',
  placeAddress: 'Lungotevere in Sassia 1, 00193 Roma',
  startsAt: '2025-03-20T10:40',
  services: [
    { code: '89.7', description: 'Prima visita cardiologica' },
    { code: '89.52', description: 'Elettrocardiogramma' },
  ],
  preparationNotes: ['Portare esami e referti precedenti.', 'Non è necessario il digiuno.'],
  cancel: { phone: '06 99 39', url: 'https://cup.example.it/disdetta', hoursBefore: 48 },
};
