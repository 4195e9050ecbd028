import { z } from 'zod';
import type { IsoDate } from '../types.ts';

// The document a region authors and the centre pushes; every amount is integer cents and every
// date a Europe/Rome calendar date. Objects are strict so a misspelt key is reported, not ignored.

const cents = z.int().min(0).max(Number.MAX_SAFE_INTEGER);
const serviceCode = z.string().regex(/^[0-9A-Z][0-9A-Z.]*$/, 'a service code is digits, capitals and dots, e.g. 89.7A.3');

const IncomeBandSchema = z.strictObject({
  band: z.int().min(1).meta({ description: 'Band number, 1 for the lowest incomes; bands are numbered 1, 2, 3, ... in order.' }),
  upToCents: cents.nullable().meta({ description: 'Upper limit of household income in cents, inclusive; null for the last, open band.' }),
  quotaCents: cents.meta({ description: 'Quota added to each prescription of a citizen in this band.' }),
});

const IncomeBandsSchema = z
  .strictObject({
    bands: z.array(IncomeBandSchema).min(1),
    defaultBand: z.int().min(1).meta({ description: 'Band used when the citizen has declared none (usually the highest).' }),
  })
  .superRefine((v, ctx) => {
    v.bands.forEach((b, i) => {
      if (b.band !== i + 1) ctx.addIssue({ code: 'custom', path: ['bands', i, 'band'], message: `band ${i + 1} expected here` });
      const last = i === v.bands.length - 1;
      if (last && b.upToCents !== null) ctx.addIssue({ code: 'custom', path: ['bands', i, 'upToCents'], message: 'the last band must be open (null)' });
      if (!last && b.upToCents === null) ctx.addIssue({ code: 'custom', path: ['bands', i, 'upToCents'], message: 'only the last band may be open' });
      const prev = v.bands[i - 1]?.upToCents;
      if (i > 0 && b.upToCents !== null && prev != null && b.upToCents <= prev) {
        ctx.addIssue({ code: 'custom', path: ['bands', i, 'upToCents'], message: 'limits must increase from band to band' });
      }
    });
    if (v.defaultBand > v.bands.length) ctx.addIssue({ code: 'custom', path: ['defaultBand'], message: `there is no band ${v.defaultBand}` });
  });

const ExemptionSchema = z.strictObject({
  code: z.string().regex(/^[A-Z0-9]{2,8}$/, 'an exemption code is 2-8 capitals or digits, e.g. E01, 013'),
  description: z.string().min(1),
  covers: z
    .union([z.literal('all'), z.array(serviceCode).min(1)])
    .meta({ description: '"all" for every service (E01-E04), or the codes of the services it makes free (a disease).' }),
});

const PrescriptionRulesSchema = z.strictObject({
  maxServices: z.int().min(1).meta({ description: 'Services one prescription may hold (8 nationally).' }),
  maxServicesByBranch: z.record(z.string().min(1), z.int().min(1)).meta({ description: 'Branches allowed more, e.g. {"physiotherapy": 12}.' }),
  singleBranch: z.boolean().meta({ description: 'Whether every service of a prescription must belong to one specialist branch.' }),
});

export const RuleSetSchema = z
  .strictObject({
    $schema: z.string().optional(),
    version: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'a version id is letters, digits, dot, dash, underscore'),
    effectiveFrom: z.iso.date().meta({ description: 'First Europe/Rome calendar day the set is in force, YYYY-MM-DD.' }),
    description: z.string().optional(),
    capCents: cents.meta({ description: 'Most a citizen pays for the tariffs of one prescription (3615 nationally).' }),
    fixedQuotaCents: cents.meta({ description: 'Quota added to every prescription with a non-exempt service; 0 for none.' }),
    incomeBands: IncomeBandsSchema.nullable().meta({ description: 'Quota by household income band, or null for none.' }),
    exemptions: z.array(ExemptionSchema).superRefine((list, ctx) => {
      const seen = new Set<string>();
      list.forEach((e, i) => {
        if (seen.has(e.code)) ctx.addIssue({ code: 'custom', path: [i, 'code'], message: `exemption ${e.code} is listed twice` });
        seen.add(e.code);
      });
    }),
    prescription: PrescriptionRulesSchema,
  })
  .meta({ title: 'CUP ticket rule set', description: 'One version of the ticket rules of a region, in force from its date until the next version.' });

export type RuleSet = z.output<typeof RuleSetSchema>;
export type IncomeBand = z.output<typeof IncomeBandSchema>;
export type Exemption = z.output<typeof ExemptionSchema>;

export type RuleSetValidation = { ok: true; ruleSet: RuleSet } | { ok: false; problems: string[] };

/** `$.incomeBands.bands[1].upToCents`: the JSON path a region's editor can jump to. */
function jsonPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, key) => (typeof key === 'number' ? `${acc}[${key}]` : /^[A-Za-z_$][\w$]*$/.test(String(key)) ? `${acc}.${String(key)}` : `${acc}[${JSON.stringify(String(key))}]`), '$');
}

/** Checks a rule-set document; never throws, and lists every problem found as `path: message`. */
export function validateRuleSet(json: unknown): RuleSetValidation {
  const result = RuleSetSchema.safeParse(json);
  if (result.success) return { ok: true, ruleSet: result.data };
  return { ok: false, problems: result.error.issues.map((i) => `${jsonPath(i.path)}: ${i.message}`) };
}

/** The JSON Schema (draft 2020-12) of a rule-set document, published for regions that write one. */
export function ruleSetJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(RuleSetSchema, { io: 'input' }) as Record<string, unknown>;
}

/**
 * The version in force on a Europe/Rome date: the latest whose effectiveFrom is on or before it.
 * On equal dates the one later in `sets` wins (the one pushed last). Undefined when none has started.
 */
export function ruleSetInForce<T extends { effectiveFrom: IsoDate }>(sets: readonly T[], date: IsoDate): T | undefined {
  let best: T | undefined;
  // ISO dates compare correctly as strings.
  for (const s of sets) if (s.effectiveFrom <= date && (!best || s.effectiveFrom >= best.effectiveFrom)) best = s;
  return best;
}
