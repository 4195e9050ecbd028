export * from './document.ts';
export * from './codepages.ts';
export * from './profiles.ts';
export * from './symbols.ts';
export * as escpos from './commands.ts';
export { renderEscPos, renderEscPosSegments, type EscPosSegment } from './render-escpos.ts';
export { renderText } from './render-text.ts';
export { renderSvg, renderPng } from './render-svg.ts';
export * from './status.ts';
export * from './errors.ts';
export * from './driver.ts';
export { paymentReceipt, type PaymentReceiptData, type ReceiptItem, type ReceiptCardPart, type ReceiptService, type Lang } from './layouts/payment-receipt.ts';
export { bookingSlip, type BookingSlipData } from './layouts/booking-slip.ts';
export { cancellationSlip, type CancellationSlipData } from './layouts/cancellation-slip.ts';
export { testPage, type TestPageData } from './layouts/test-page.ts';
export { voucher, formatDay, type VoucherData, type VoucherReason } from './layouts/voucher.ts';
export { dailyClose, type DailyCloseData, type DailyTotal, type PaymentMethod } from './layouts/daily-close.ts';
export { cashEmptyReport, hopperRefillReport, type CashEmptyData, type CashLevel, type HopperRefillData } from './layouts/cash-reports.ts';
export { conflictList, type ConflictLine, type ConflictListData } from './layouts/conflict-list.ts';
export {
  SAMPLE_PAYMENT,
  SAMPLE_PAYMENT_MIXED,
  SAMPLE_BOOKING,
  SAMPLE_VOUCHER,
  SAMPLE_DAILY_CLOSE,
  SAMPLE_CASH_EMPTY,
  SAMPLE_HOPPER_REFILL,
} from './layouts/samples.ts';
export { LAYOUT_NAMES, LAYOUT_SAMPLES, layoutDocument, type LayoutName, type LayoutOptions } from './layouts/catalog.ts';
