/**
 * Sample data for each layout: the CLI's `receipt render` default, the developer panel, the
 * benchmark and the golden tests use the same receipts.
 */
import type { BookingSlipData } from './booking-slip.ts';
import type { CashEmptyData, HopperRefillData } from './cash-reports.ts';
import type { DailyCloseData } from './daily-close.ts';
import type { PaymentReceiptData } from './payment-receipt.ts';
import type { VoucherData } from './voucher.ts';

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

/** A booking and a pagoPA notice paid together, part by card and the rest in cash. */
export const SAMPLE_PAYMENT_MIXED: PaymentReceiptData = {
  transactionId: 'KIOSK-RM-001-000043',
  issuedAt: '2025-03-12T09:55:00Z',
  terminalId: 'KIOSK-RM-001',
  providerName: 'ASL Roma 1',
  providerFiscalCode: '13664791004',
  placeName: 'Poliambulatorio Santo Spirito',
  bookingCode: '202503120042',
  payerTaxCode: 'RSSMRA80A01H501U',
  services: [
    { code: '89.7', description: 'Prima visita cardiologica', amountCents: 2300 },
    { code: '89.52', description: 'Elettrocardiogramma', amountCents: 928 },
  ],
  items: [
    {
      kind: 'booking',
      bookingCode: '202503120042',
      providerName: 'ASL Roma 1',
      providerFiscalCode: '13664791004',
      services: [
        { code: '89.7', description: 'Prima visita cardiologica', amountCents: 2300 },
        { code: '89.52', description: 'Elettrocardiogramma', amountCents: 928 },
      ],
    },
    {
      kind: 'notice',
      noticeCode: '301000000000004285',
      creditorName: 'Ospedale San Martino',
      creditorFiscalCode: '02060250996',
      subject: 'Ticket non pagato',
      bookingCode: '070000000434',
      amountCents: 2453,
    },
  ],
  totalCents: 5681,
  // 30,00 € by card; the 26,81 € left is 26,80 € in cash, paid with 30,00 €.
  paidCents: 6000,
  changeCents: 320,
  cashRoundingCents: -1,
  method: 'mixed',
  cardParts: [
    {
      amountCents: 3000,
      authorisationCode: '207413',
      maskedPan: '541333******9999',
      cardholderReceipt: ['ACQUISTO / PURCHASE', 'CARTA MASTERCARD', 'PAN 541333******9999', 'IMPORTO EUR 30,00', 'AUT. 207413', 'TRANSAZIONE ESEGUITA'],
    },
  ],
  cashPaidCents: 3000,
  verifyUrl: 'https://cup.example.it/r/KIOSK-RM-001-000043',
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

export const SAMPLE_VOUCHER: VoucherData = {
  voucherCode: '900312004217',
  amountCents: 1772,
  reason: 'change-not-given',
  transactionId: 'TX-20250312-000042',
  paymentId: 'CASH-000042',
  issuedAt: '2025-03-12T09:42:00Z',
  validUntil: '2025-06-30',
  terminalId: 'KIOSK-RM-001',
  providerName: 'ASL Roma 1',
  placeName: 'Poliambulatorio Santo Spirito',
  payerTaxCode: 'RSSMRA80A01H501U',
  redeemAt: 'Sportello CUP, piano terra, lun-ven 8-13',
};

export const SAMPLE_DAILY_CLOSE: DailyCloseData = {
  operatorId: 'OP-0042',
  operatorName: 'Giulia Bianchi',
  terminalId: 'KIOSK-RM-001',
  placeName: 'Poliambulatorio Santo Spirito',
  day: '2025-03-12',
  closedAt: '2025-03-12T18:05:00Z',
  methods: [
    { method: 'cash', count: 37, totalCents: 98_450 },
    { method: 'card', count: 52, totalCents: 161_230 },
  ],
  providers: [
    { name: 'ASL Roma 1', count: 71, totalCents: 201_380 },
    { name: 'Policlinico Umberto I', count: 18, totalCents: 58_300 },
  ],
  vouchers: { issued: { count: 2, totalCents: 2_190 }, redeemed: { count: 1, totalCents: 450 } },
  cancelled: { count: 1, totalCents: 2_300 },
};

export const SAMPLE_CASH_EMPTY: CashEmptyData = {
  technicianId: 'TEC-007',
  terminalId: 'KIOSK-RM-001',
  placeName: 'Poliambulatorio Santo Spirito',
  at: '2025-03-12T19:10:00Z',
  cashBoxId: 'CB-0193',
  sealNumber: 'S-5521187',
  levels: [
    { valueCents: 5000, before: 6, after: 0 },
    { valueCents: 2000, before: 14, after: 0 },
    { valueCents: 1000, before: 21, after: 0 },
    { valueCents: 500, before: 17, after: 0 },
    { valueCents: 200, before: 35, after: 0 },
    { valueCents: 100, before: 48, after: 0 },
  ],
};

export const SAMPLE_HOPPER_REFILL: HopperRefillData = {
  technicianId: 'TEC-007',
  terminalId: 'KIOSK-RM-001',
  placeName: 'Poliambulatorio Santo Spirito',
  at: '2025-03-12T19:20:00Z',
  hoppers: [
    { hopperId: 'H1', valueCents: 200, before: 12, after: 150 },
    { hopperId: 'H2', valueCents: 100, before: 40, after: 200 },
    { hopperId: 'H3', valueCents: 50, before: 8, after: 200 },
    { hopperId: 'H4', valueCents: 10, before: 95, after: 300 },
  ],
};
