/**
 * Typed printer failures. Codes are stable: machines branch on them and the CLI prints them.
 * - Refused before printing (nothing came out): `PrinterNotReadyError` with the cause's code.
 * - Stopped midway: `PrintJobFailedError`, code `PRINT_JOB_FAILED`, with what was printed,
 *   so the kiosk can offer a reprint. The driver never retries by itself.
 */
import { CupError } from '@cup-kiosk/sync-service/domain';
import type { ReceiptDocument } from './document.ts';
import type { PrinterStatus } from './status.ts';

export type PrinterFaultCode =
  | 'PRINTER_OFFLINE'
  | 'PRINTER_PAPER_OUT'
  | 'PRINTER_COVER_OPEN'
  | 'PRINTER_CUTTER_ERROR'
  | 'PRINTER_ERROR'
  | 'PRINTER_NO_RESPONSE';

export class PrinterNoResponseError extends CupError {
  constructor(request: number, timeoutMs: number) {
    super('PRINTER_NO_RESPONSE', `no answer to DLE EOT ${request} within ${timeoutMs} ms`, { request, timeoutMs });
  }
}

export class PrinterBadStatusError extends CupError {
  constructor(request: number, byte: number) {
    super('PRINTER_BAD_STATUS', `reply 0x${byte.toString(16).padStart(2, '0')} to DLE EOT ${request} is not a status byte`, { request, byte });
  }
}

/** The most important reason a printer that is not ready cannot print. */
export function faultOf(s: PrinterStatus): Exclude<PrinterFaultCode, 'PRINTER_NO_RESPONSE'> | null {
  if (s.coverOpen) return 'PRINTER_COVER_OPEN';
  if (s.paper === 'out') return 'PRINTER_PAPER_OUT';
  if (s.cutterError) return 'PRINTER_CUTTER_ERROR';
  if (s.unrecoverableError || s.autoRecoverableError) return 'PRINTER_ERROR';
  if (!s.online) return 'PRINTER_OFFLINE';
  return null;
}

export class PrinterNotReadyError extends CupError {
  readonly status: PrinterStatus;
  constructor(status: PrinterStatus) {
    const code = faultOf(status) ?? 'PRINTER_OFFLINE';
    super(code, `printer not ready (${code}); nothing was printed`, { status });
    this.status = status;
  }
}

export class PrintJobFailedError extends CupError {
  /** Why it stopped: a `PrinterFaultCode`. */
  readonly reason: PrinterFaultCode;
  /** The elements the printer took before it reported the stop; the next one may be partial. */
  readonly printed: ReceiptDocument;
  readonly printedText: string;
  readonly status: PrinterStatus | null;
  constructor(reason: PrinterFaultCode, printed: ReceiptDocument, printedText: string, status: PrinterStatus | null, total: number) {
    super('PRINT_JOB_FAILED', `print job stopped after ${printed.elements.length} of ${total} elements: ${reason}`, {
      reason,
      printedElements: printed.elements.length,
      totalElements: total,
      status,
    });
    this.reason = reason;
    this.printed = printed;
    this.printedText = printedText;
    this.status = status;
  }
}

/** A `receipt render` layout name we do not know, or data that does not fit the layout. */
export class ReceiptDataInvalidError extends CupError {
  constructor(message: string, problems: string[] = []) {
    super('RECEIPT_DATA_INVALID', message, { problems });
  }
}
