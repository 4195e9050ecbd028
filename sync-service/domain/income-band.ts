import type { IncomeBandDeclaration, IncomeBandNumber, IsoDate } from './types.ts';

/**
 * The band a citizen had declared on a date: their latest declaration on or before it (the one
 * listed last on a tie), or null when they had declared none, so the rules' default band applies.
 */
export function declaredIncomeBand(declarations: readonly IncomeBandDeclaration[], taxCode: string, date: IsoDate): IncomeBandNumber | null {
  let latest: IncomeBandDeclaration | undefined;
  for (const d of declarations) {
    if (d.taxCode === taxCode && d.declaredOn <= date && (!latest || d.declaredOn >= latest.declaredOn)) latest = d;
  }
  return latest?.band ?? null;
}
