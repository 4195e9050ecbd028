import {
  bookingSlip,
  cancellationSlip,
  openSerialPrinter,
  paymentReceipt,
  renderSvg,
  renderText,
  type PrinterProfile,
  voucher,
  type ReceiptDocument,
  type SerialEscPosPrinter,
} from '@cup-kiosk/terminal-drivers/printer';
import type { ReceiptPrinterPort } from '../ports.ts';

export interface ReceiptPrinterDevice {
  port: ReceiptPrinterPort;
  /** Any document, for the technician's test page and cash reports. */
  service: { profile: PrinterProfile; print(doc: ReceiptDocument): Promise<{ text: string; svg: string }> };
  close(): Promise<void>;
}

/**
 * The ESC/POS receipt printer on a serial line: layouts become documents, documents become
 * bytes through the profile, and the driver checks status before the job and after the cut.
 */
export async function openReceiptPrinterDevice(path: string, profile: PrinterProfile): Promise<ReceiptPrinterDevice> {
  const printer: SerialEscPosPrinter = await openSerialPrinter(path, profile);
  const print = async (doc: ReceiptDocument) => {
    await printer.print(doc);
    return { text: renderText(doc, profile), svg: renderSvg(doc, profile) };
  };
  return {
    port: {
      status: () => printer.status(),
      printPaymentReceipt: (data) => print(paymentReceipt(data, 'it')),
      printVoucher: (data) => print(voucher(data, 'it')),
      printBookingSlip: (data) => print(bookingSlip(data, 'it')),
      printCancellationSlip: (data) => print(cancellationSlip(data, 'it')),
    },
    service: { profile, print },
    close: () => printer.close(),
  };
}
