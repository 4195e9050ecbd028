import { CupError } from '@cup-kiosk/sync-service/domain';

export type ScannerErrorCode = 'SCANNER_OPEN_FAILED' | 'SCANNER_PORT_ERROR';

/** A scanner that cannot be opened, or whose line failed while open. */
export class ScannerError extends CupError {
  declare readonly code: ScannerErrorCode;
  constructor(code: ScannerErrorCode, message: string, details?: Record<string, unknown>) {
    super(code, message, details);
  }
}
