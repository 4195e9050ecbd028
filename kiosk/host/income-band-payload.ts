/**
 * The outbox body of a self-certified income band, as `IncomeBandPayloadSchema` reads it at the
 * central, and which of two declarations is the newer. Pure.
 */
import { todayInRome } from '@cup-kiosk/sync-service/domain';
import type { IncomeBandPayload } from '@cup-kiosk/sync-service/protocol';
import type { IncomeBandNumber } from '../bridge/income-band-form.ts';
import type { DeclaredIncomeBand } from './ports.ts';

export interface IncomeBandPayloadInput {
  declarationId: string;
  /** Already checked and normalised (upper case, no spaces). */
  taxCode: string;
  band: IncomeBandNumber;
  /** When the citizen confirmed: the Rome date counts from that day, the instant orders a day's declarations. */
  at: Date;
  terminalId: string;
  /** Version of the statement the citizen was shown and accepted. */
  statement: string;
}

export function incomeBandPayload(o: IncomeBandPayloadInput): IncomeBandPayload {
  return {
    declarationId: o.declarationId,
    taxCode: o.taxCode,
    band: o.band,
    declaredOn: todayInRome(o.at),
    declaredAt: o.at.toISOString(),
    terminalId: o.terminalId,
    statement: o.statement,
  };
}

/**
 * The declaration made later: the later date, then the later instant, as the central orders
 * them. The first one wins a tie: it is the same declaration seen twice (taken here and synced).
 */
export function newerDeclaration(a: DeclaredIncomeBand | null, b: DeclaredIncomeBand | null): DeclaredIncomeBand | null {
  if (!a || !b) return a ?? b;
  if (a.declaredOn !== b.declaredOn) return a.declaredOn > b.declaredOn ? a : b;
  // Instants may be written with different offsets: compare them as times, not as text.
  return Date.parse(b.declaredAt) > Date.parse(a.declaredAt) ? b : a;
}
