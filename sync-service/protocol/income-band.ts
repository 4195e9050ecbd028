import { z } from 'zod';
import { parseTaxCode } from '../domain/index.ts';

/** A calendar date, YYYY-MM-DD, that exists (no 2031-02-30). */
export const IsoDateSchema = z.iso.date();

/** The four family-income bands of the rule sets (DOMAIN.md, demo-3): 1 lowest, 4 highest. */
export const IncomeBandSchema = z.literal([1, 2, 3, 4]);

/**
 * A codice fiscale as written on the wire: upper case, 16 characters, a valid check character.
 * The terminal normalises what it read or was typed before it sends it.
 */
export const WireTaxCodeSchema = z
  .string()
  .regex(/^[A-Z0-9]{16}$/)
  .refine(isCanonicalTaxCode, { message: 'not a valid codice fiscale' });

/**
 * The body of an 'income-band' sync item: one self-certification of a citizen's family-income
 * band, taken at a terminal. The centre keeps it and answers it to every later quote for that
 * citizen, from `declaredOn` on, until a later declaration replaces it.
 */
export const IncomeBandPayloadSchema = z.object({
  /** Terminal-made id of the declaration, unique across terminals (a UUID is fine). */
  declarationId: z.string().min(1).max(128),
  taxCode: WireTaxCodeSchema,
  band: IncomeBandSchema,
  /** Europe/Rome calendar date of the declaration; it counts from that day on. */
  declaredOn: IsoDateSchema,
  /** ISO 8601 instant of the declaration, terminal clock; orders two declarations of one day. */
  declaredAt: z.iso.datetime({ offset: true }),
  terminalId: z.string().min(1).max(64),
  /** Version id of the self-certification text the citizen was shown and accepted. */
  statement: z.string().min(1).max(64),
});
export type IncomeBandPayload = z.infer<typeof IncomeBandPayloadSchema>;

/**
 * GET /v1/citizens/:taxCode/income-band?date=YYYY-MM-DD: the declaration in force on that date,
 * all nulls when the citizen had declared none by then (the rules' default band applies).
 */
export const IncomeBandAnswerSchema = z.object({
  /** The code asked for, normalised (upper case, no spaces). */
  taxCode: z.string(),
  band: IncomeBandSchema.nullable(),
  declaredOn: IsoDateSchema.nullable(),
  /** The declaration's instant in UTC (`...Z`). */
  declaredAt: z.iso.datetime({ offset: true }).nullable(),
});
export type IncomeBandAnswer = z.infer<typeof IncomeBandAnswerSchema>;

/** True when `text` is a valid codice fiscale written exactly as parseTaxCode normalises it. */
function isCanonicalTaxCode(text: string): boolean {
  try {
    return parseTaxCode(text).taxCode === text;
  } catch {
    return false;
  }
}
