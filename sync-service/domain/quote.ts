import { z } from 'zod';
import type { CatalogueService } from './catalogue/demo-catalogue.ts';
import { CupError } from './errors.ts';
import { type RuleSet, ruleSetInForce } from './rules/rule-set.ts';
import type { Cents, IsoDate } from './types.ts';

export type QuoteErrorCode = 'BAD_REQUEST' | 'NO_RULES_IN_FORCE' | 'TOO_MANY_SERVICES' | 'UNKNOWN_EXEMPTION';

/** The codes are those of the `cupk ticket quote` contract (issue 7), so the CLI prints them as they are. */
export class QuoteError extends CupError {
  declare readonly code: QuoteErrorCode;
  constructor(code: QuoteErrorCode, message: string, details?: Record<string, unknown>) {
    super(code, message, details);
  }
}

const MAX_BAND = 4;

const QuoteRequestSchema = z.strictObject({
  date: z.iso.date(),
  // Missing means "not declared", never a guess: the rule set's default band applies.
  incomeBand: z.int().min(1).max(MAX_BAND).nullable().default(null),
  exemptions: z.array(z.string().min(1)).default([]),
  prescriptions: z
    .array(
      z.strictObject({
        services: z.array(z.strictObject({ code: z.string().min(1), tariffCents: z.int().min(0).max(Number.MAX_SAFE_INTEGER) })).min(1),
      }),
    )
    .min(1),
});

export interface QuoteRequest {
  /** Europe/Rome date of the quote: it picks the rule version. */
  date: IsoDate;
  /** Self-certified household income band, null when none was declared. */
  incomeBand: 1 | 2 | 3 | 4 | null;
  exemptions: string[];
  prescriptions: { services: { code: string; tariffCents: Cents }[] }[];
}

export interface PrescriptionQuote {
  /** Sum of the non-exempt services' tariffs. */
  tariffCents: Cents;
  /** `tariffCents` up to the cap. */
  copayCents: Cents;
  /** Quota of the version in force; 0 when every service is exempt. */
  quotaCents: Cents;
  /** copayCents + quotaCents. */
  totalCents: Cents;
  /** Codes of the services an exemption makes free, in request order. */
  exemptServices: string[];
}

export interface TicketQuote {
  ruleVersion: string;
  totalCents: Cents;
  prescriptions: PrescriptionQuote[];
}

export interface QuoteOptions {
  /**
   * Catalogue to read each service's branch from. Without it, no branch is known: a prescription
   * is not checked for mixed branches and may hold only the rule set's `maxServices`.
   */
  catalogue?: readonly CatalogueService[];
}

/**
 * Checks a `cupk ticket quote` request. Unknown keys are refused, so a misspelt `incomeband`
 * cannot silently fall back to the highest band.
 * @throws QuoteError BAD_REQUEST with every problem in `details.problems`.
 */
export function parseQuoteRequest(json: unknown): QuoteRequest {
  const r = QuoteRequestSchema.safeParse(json);
  if (!r.success) {
    const problems = r.error.issues.map((i) => `${['$', ...i.path.map((k) => (typeof k === 'number' ? `[${k}]` : `.${String(k)}`))].join('')}: ${i.message}`);
    throw new QuoteError('BAD_REQUEST', `the quote request is malformed: ${problems.join('; ')}`, { problems });
  }
  return r.data as QuoteRequest;
}

const branchIndexes = new WeakMap<readonly CatalogueService[], ReadonlyMap<string, string>>();

function branchIndex(catalogue: readonly CatalogueService[] | undefined): ReadonlyMap<string, string> {
  if (!catalogue) return new Map();
  let index = branchIndexes.get(catalogue);
  if (!index) {
    index = new Map(catalogue.map((s) => [s.code, s.branch]));
    branchIndexes.set(catalogue, index);
  }
  return index;
}

/** The quota a prescription with at least one non-exempt service pays under `rules`. */
function quotaOf(rules: RuleSet, incomeBand: QuoteRequest['incomeBand']): Cents {
  if (!rules.incomeBands) return rules.fixedQuotaCents;
  const number = incomeBand ?? rules.incomeBands.defaultBand;
  const band = rules.incomeBands.bands.find((b) => b.band === number);
  if (!band) throw new QuoteError('BAD_REQUEST', `rule set ${rules.version} has no income band ${number}`, { ruleVersion: rules.version, incomeBand: number });
  return rules.fixedQuotaCents + band.quotaCents;
}

function checkPrescription(rules: RuleSet, services: readonly { code: string }[], index: number, branches: ReadonlyMap<string, string>): void {
  const known = new Set<string>();
  for (const s of services) {
    const b = branches.get(s.code);
    if (b !== undefined) known.add(b);
  }
  if (rules.prescription.singleBranch && known.size > 1) {
    throw new QuoteError('BAD_REQUEST', `prescription ${index + 1} mixes branches (${[...known].join(', ')}): one prescription is for one branch`, {
      reason: 'MIXED_BRANCHES',
      prescription: index,
      branches: [...known],
    });
  }
  const [branch] = known;
  const max = (known.size === 1 && branch !== undefined ? rules.prescription.maxServicesByBranch[branch] : undefined) ?? rules.prescription.maxServices;
  if (services.length > max) {
    throw new QuoteError('TOO_MANY_SERVICES', `prescription ${index + 1} holds ${services.length} services, at most ${max} allowed`, { prescription: index, count: services.length, max });
  }
}

/**
 * What the citizen pays, per prescription, under the rule version in force on the request's date:
 * non-exempt tariffs up to the cap, plus the quota when at least one service is not exempt.
 * Pure and in integer cents; the same code quotes on the terminal and at the centre.
 * @throws QuoteError NO_RULES_IN_FORCE, TOO_MANY_SERVICES, UNKNOWN_EXEMPTION or BAD_REQUEST.
 */
export function quoteTicket(request: QuoteRequest, ruleSets: readonly RuleSet[], options: QuoteOptions = {}): TicketQuote {
  const req = parseQuoteRequest(request);
  const rules = ruleSetInForce(ruleSets, req.date);
  if (!rules) throw new QuoteError('NO_RULES_IN_FORCE', `no rule version is in force on ${req.date}`, { date: req.date });

  let exemptsAll = false;
  const covered = new Set<string>();
  for (const code of req.exemptions) {
    const exemption = rules.exemptions.find((e) => e.code === code);
    if (!exemption) throw new QuoteError('UNKNOWN_EXEMPTION', `rule set ${rules.version} does not know exemption ${code}`, { exemption: code, ruleVersion: rules.version });
    if (exemption.covers === 'all') exemptsAll = true;
    else for (const s of exemption.covers) covered.add(s);
  }

  const branches = branchIndex(options.catalogue);
  const quota = quotaOf(rules, req.incomeBand);
  const prescriptions = req.prescriptions.map((p, i): PrescriptionQuote => {
    checkPrescription(rules, p.services, i, branches);
    let tariffCents = 0;
    let payable = 0;
    const exemptServices: string[] = [];
    for (const s of p.services) {
      if (exemptsAll || covered.has(s.code)) exemptServices.push(s.code);
      else {
        tariffCents += s.tariffCents;
        payable++;
      }
    }
    const copayCents = Math.min(tariffCents, rules.capCents);
    const quotaCents = payable > 0 ? quota : 0;
    return { tariffCents, copayCents, quotaCents, totalCents: copayCents + quotaCents, exemptServices };
  });
  return { ruleVersion: rules.version, totalCents: prescriptions.reduce((sum, p) => sum + p.totalCents, 0), prescriptions };
}
