/**
 * Every layout by name, for callers that get a layout name and its data from outside (the
 * `receipt render` command, the developer panel): validates the data against the layout's
 * schema and builds the document, or throws RECEIPT_DATA_INVALID listing each problem.
 */
import type { z } from 'zod';
import type { ReceiptDocument } from '../document.ts';
import { ReceiptDataInvalidError } from '../errors.ts';
import { EPSON_TM_T88, PROFILES, type PrinterProfile } from '../profiles.ts';
import { bookingSlip } from './booking-slip.ts';
import { cashEmptyReport, hopperRefillReport } from './cash-reports.ts';
import { dailyClose } from './daily-close.ts';
import { paymentReceipt, type Lang } from './payment-receipt.ts';
import { SAMPLE_BOOKING, SAMPLE_CASH_EMPTY, SAMPLE_DAILY_CLOSE, SAMPLE_HOPPER_REFILL, SAMPLE_PAYMENT, SAMPLE_VOUCHER } from './samples.ts';
import * as schema from './schemas.ts';
import { testPage } from './test-page.ts';
import { voucher } from './voucher.ts';

export const LAYOUT_NAMES = ['payment-receipt', 'booking-slip', 'voucher', 'daily-close', 'cash-empty', 'hopper-refill', 'test-page'] as const;
export type LayoutName = (typeof LAYOUT_NAMES)[number];

export interface LayoutOptions {
  /** The citizen's language, for the layouts the citizen reads. Default 'it'. */
  lang?: Lang;
  /** The test page describes this profile unless its data names one. Default EPSON_TM_T88. */
  profile?: PrinterProfile;
}

/** Sample data of each layout, in the shape of its data file (what `assets/receipts/` holds). */
export const LAYOUT_SAMPLES: Readonly<Record<LayoutName, object>> = {
  'payment-receipt': SAMPLE_PAYMENT,
  'booking-slip': SAMPLE_BOOKING,
  voucher: SAMPLE_VOUCHER,
  'daily-close': SAMPLE_DAILY_CLOSE,
  'cash-empty': SAMPLE_CASH_EMPTY,
  'hopper-refill': SAMPLE_HOPPER_REFILL,
  'test-page': { terminalId: 'KIOSK-RM-001', printedAt: '2025-03-12T09:42:00Z', profile: EPSON_TM_T88.id, softwareVersion: '0.1.0' },
};

const isLayoutName = (name: string): name is LayoutName => (LAYOUT_NAMES as readonly string[]).includes(name);

function parse<T>(s: z.ZodType<T>, layout: LayoutName, data: unknown): T {
  const r = s.safeParse(data);
  if (r.success) return r.data;
  const problems = r.error.issues.map((i) => `$${i.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('')}: ${i.message}`);
  throw new ReceiptDataInvalidError(`the data does not fit the ${layout} layout: ${problems.join('; ')}`, problems);
}

export function layoutDocument(name: string, data: unknown, options: LayoutOptions = {}): ReceiptDocument {
  if (!isLayoutName(name)) throw new ReceiptDataInvalidError(`unknown layout '${name}'; known: ${LAYOUT_NAMES.join(', ')}`);
  const lang = options.lang ?? 'it';
  switch (name) {
    case 'payment-receipt':
      return paymentReceipt(parse(schema.paymentReceiptSchema, name, data), lang);
    case 'booking-slip':
      return bookingSlip(parse(schema.bookingSlipSchema, name, data), lang);
    case 'voucher':
      return voucher(parse(schema.voucherSchema, name, data), lang);
    case 'daily-close':
      return dailyClose(parse(schema.dailyCloseSchema, name, data));
    case 'cash-empty':
      return cashEmptyReport(parse(schema.cashEmptySchema, name, data));
    case 'hopper-refill':
      return hopperRefillReport(parse(schema.hopperRefillSchema, name, data));
    case 'test-page': {
      const d = parse(schema.testPageSchema, name, data);
      const profile = d.profile === undefined ? (options.profile ?? EPSON_TM_T88) : PROFILES[d.profile];
      if (!profile) throw new ReceiptDataInvalidError(`unknown printer profile '${d.profile}'; known: ${Object.keys(PROFILES).join(', ')}`, ['$.profile']);
      return testPage({ ...d, profile });
    }
  }
}
