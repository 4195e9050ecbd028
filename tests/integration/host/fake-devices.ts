import type { PrinterStatus } from '../../../kiosk/bridge/terminal-api.ts';
import type { CashDeskPort } from '../../../kiosk/host/devices/cash-desk.ts';
import type { ReceiptPrinterPort } from '../../../kiosk/host/ports.ts';
import type { BookingSlipData } from '@cup-kiosk/terminal-drivers/printer';

/** A printer with paper, online, nothing wrong. */
export const PRINTER_READY: PrinterStatus = { ready: true, online: true, paper: 'ok', coverOpen: false, cutterError: false, unrecoverableError: false, autoRecoverableError: false };

/** A cash desk for tests that book rather than pay: accepts nothing, pays out whatever is owed. */
export const IDLE_CASH_DESK: CashDeskPort = {
  coinValues: [5, 10, 20, 50, 100, 200],
  billValues: [500, 1000, 2000, 5000],
  accept: async () => {},
  disable: async () => {},
  settle: async () => {},
  payout: async (owedCents) => ({ owedCents, paidCents: owedCents, voucherCents: 0, perHopper: [] }),
  hopperStatus: async () => ({ eventCounter: 2, remaining: 0, lastPaid: 0, lastUnpaid: 0 }),
};

/** A ready receipt printer that keeps the booking slips it is given in `slips`. */
export function slipPrinter(slips: BookingSlipData[]): ReceiptPrinterPort {
  return {
    status: async () => PRINTER_READY,
    printPaymentReceipt: async () => ({ text: 'RICEVUTA', svg: '<svg/>' }),
    printVoucher: async () => ({ text: 'BUONO', svg: '<svg/>' }),
    printBookingSlip: async (d) => (slips.push(d), { text: `PROMEMORIA ${d.bookingCode}`, svg: '<svg/>' }),
  };
}
