/**
 * Every failure the project reports has a stable, UPPER_SNAKE `code`, so machines branch on it
 * in `onError`, the CLI prints it, and the wire carries it. Subclass per failure family.
 */
export class CupError extends Error {
  readonly code: string;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: string, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = new.target.name;
    this.code = code;
    this.details = details;
  }

  toJSON(): { code: string; message: string; details?: Record<string, unknown> } {
    return this.details ? { code: this.code, message: this.message, details: this.details } : { code: this.code, message: this.message };
  }
}

/** True when `e` carries a stable code, whatever realm or process it came from. */
export function isCupError(e: unknown): e is CupError {
  return e instanceof CupError || (typeof e === 'object' && e !== null && typeof (e as { code?: unknown }).code === 'string' && /^[A-Z][A-Z0-9_]*$/.test((e as { code: string }).code));
}
