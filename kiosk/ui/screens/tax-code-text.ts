// The module itself, not the domain's barrel: the barrel would bring zod and the rule tables into the kiosk's bundle.
import { parseTaxCode, TAX_CODE_LENGTH, TAX_CODE_MONTHS, TaxCodeError } from '../../../sync-service/domain/tax-code.ts';

/**
 * What each place of a codice fiscale holds: a letter (L), the month letter (M), or a digit or
 * its omocodia letter (D). A character typed where it cannot be is caught before the 16th.
 */
const PLACES = 'LLLLLLDDMDDLDDDL';
const PLACE_PATTERN: Record<string, RegExp> = {
  L: /^[A-Z]$/,
  M: new RegExp(`^[${TAX_CODE_MONTHS}]$`),
  D: /^[0-9LMNP-V]$/,
};

/** The live verdict on a codice fiscale being typed. */
export type TaxCodeCheck =
  /** Fine so far: `typed` of the 16 characters. */
  | { status: 'incomplete'; typed: number }
  /** A character where none such can be, or a birth date that does not exist. */
  | { status: 'invalid' }
  /** All 16, but the last (the check character) does not match the other 15: a typing mistake. */
  | { status: 'wrongCheck' }
  /** `parseTaxCode` accepts it: it may be confirmed. */
  | { status: 'valid' };

/** Checks a codice fiscale as typed so far, with the domain's own rules once it is complete. */
export function checkTypedTaxCode(typed: string, today: Date = new Date()): TaxCodeCheck {
  const code = typed.toUpperCase();
  for (let i = 0; i < code.length; i++) {
    const pattern = PLACE_PATTERN[PLACES.charAt(i)];
    if (!pattern?.test(code.charAt(i))) return { status: 'invalid' };
  }
  if (code.length < TAX_CODE_LENGTH) return { status: 'incomplete', typed: code.length };
  try {
    parseTaxCode(code, today);
    return { status: 'valid' };
  } catch (e) {
    return { status: e instanceof TaxCodeError && e.code === 'TAX_CODE_CHECK' ? 'wrongCheck' : 'invalid' };
  }
}

/** `RSSMRA85T10A562S` → `RSS MRA 85T10 A562S`: surname, name, birth date and sex, birthplace and check. */
export function groupedTaxCode(typed: string): string {
  return [typed.slice(0, 3), typed.slice(3, 6), typed.slice(6, 11), typed.slice(11, 16)].filter(Boolean).join(' ');
}
