import type { Classified, Symbology } from '@cup-kiosk/sync-service/domain';
import type { ScanDiscard } from './scan-splitter.ts';
import type { ScannerError } from './errors.ts';

/**
 * One scan as the kiosk sees it. Guarantees:
 * - one event per scan, whatever the reads the bytes came in (split or merged);
 * - `text` is printable ASCII, without AIM identifier or terminator, never empty;
 * - `classified` is `classify(text)`; a misread is `unknown` with its reason, never an error;
 * - the second barcode of a prescription memo, scanned soon after the first (either order), is
 *   classified as the whole NRE; the first stays `unknown` ("scan the other barcode too").
 */
export interface ScanEvent {
  text: string;
  /** From the AIM identifier; null when the scanner sends none. */
  symbology: Symbology | null;
  /** The identifier as sent (`]Q1`), when there was one. */
  aimId?: string;
  classified: Classified;
  receivedAt: Date;
}

/**
 * Events of a `BarcodeScanner`. A port failure is reported once, as `error`, and the scanner then
 * closes; `close` follows every close, asked for or not.
 */
export interface BarcodeScannerEvents {
  scan: [ScanEvent];
  /** Bytes dropped: noise, a scan with no terminator, an overlong run. Diagnostics, not a failure. */
  discard: [ScanDiscard];
  error: [ScannerError];
  close: [];
}
