/** Euro amounts from integer cents, Italian style: 32,28 €. */
export function euro(cents: number, locale = 'it-IT'): string {
  return new Intl.NumberFormat(locale, { style: 'currency', currency: 'EUR' }).format(cents / 100);
}

/** `2026-12-14T09:30` as a long Italian date and time, without a time-zone shift. */
export function appointment(startsAt: string, locale = 'it-IT'): string {
  const [date = '', time = ''] = startsAt.split('T');
  const [y, m, d] = date.split('-').map(Number);
  const when = new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1));
  const day = new Intl.DateTimeFormat(locale, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(when);
  return `${day}, ${time}`;
}

/** `2026-12-02` as a long date (`2 dicembre 2026`), without a time-zone shift. */
export function longDate(isoDate: string, locale = 'it-IT'): string {
  const [y, m, d] = isoDate.split('-').map(Number);
  const when = new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1));
  return new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(when);
}

/** `123456789092` → `1234 5678 9092`, as printed on the slip; a notice code reads 4-4-4-4-2. */
export function groupedCode(code: string): string {
  return code.replace(/(\d{4})(?=\d)/g, '$1 ');
}

/**
 * A locale for `Intl` in the citizen's language with Latin digits: amounts and dates read as on
 * the Italian documents the citizen has in hand (an Arabic locale would otherwise write ٣٦).
 */
export function latinDigits(bcp47: string): string {
  return `${bcp47}-u-nu-latn`;
}

/** Euro in the citizen's language: `36.152 €`, `€36,152`, `36 152 €`; cents shown only when there are some. */
export function euroIn(cents: number, bcp47: string): string {
  const digits = cents % 100 === 0 ? 0 : 2;
  return new Intl.NumberFormat(latinDigits(bcp47), { style: 'currency', currency: 'EUR', minimumFractionDigits: digits, maximumFractionDigits: digits }).format(cents / 100);
}

/** An instant (ISO 8601) as the day it falls on in Rome, without the year: `domenica 13 dicembre`. */
export function romeDay(instant: string, locale = 'it-IT'): string {
  return new Intl.DateTimeFormat(locale, { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'Europe/Rome' }).format(new Date(instant));
}

/** A countdown as `mm:ss`, never below `00:00`. */
export function minutesSeconds(ms: number): string {
  const s = Math.max(0, Math.ceil(ms / 1000));
  return `${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
}
