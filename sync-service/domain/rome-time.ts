import type { IsoDate } from './types.ts';

/** Every CUP date is a calendar date in Italy, whatever the machine's own time zone. */
export const ROME_TIME_ZONE = 'Europe/Rome';

const MS_PER_MINUTE = 60_000;
export const MS_PER_HOUR = 60 * MS_PER_MINUTE;
export const MS_PER_DAY = 24 * MS_PER_HOUR;

const wallClock = new Intl.DateTimeFormat('en-GB', {
  timeZone: ROME_TIME_ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

interface WallParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** Rome's offset from UTC in ms, by UTC hour: it only ever changes on the hour (01:00 UTC). */
const offsetByHour = new Map<number, number>();

function formattedParts(at: Date): WallParts {
  const parts: Partial<Record<Intl.DateTimeFormatPartTypes, number>> = {};
  for (const p of wallClock.formatToParts(at)) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  return {
    year: parts.year ?? 0,
    month: parts.month ?? 0,
    day: parts.day ?? 0,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
  };
}

/**
 * Rome's wall clock at an instant. `formatToParts` is slow (the central dates every payment it
 * ingests), so it is asked once per UTC hour and the rest is arithmetic.
 */
function romeParts(at: Date): WallParts {
  const ms = at.getTime();
  const hour = Math.floor(ms / MS_PER_HOUR);
  let offset = offsetByHour.get(hour);
  if (offset === undefined) {
    // An invalid date throws here, as formatting it always did.
    const p = formattedParts(new Date(hour * MS_PER_HOUR));
    offset = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - hour * MS_PER_HOUR;
    if (offsetByHour.size >= 10_000) offsetByHour.clear();
    offsetByHour.set(hour, offset);
  }
  const wall = new Date(ms + offset);
  return {
    year: wall.getUTCFullYear(),
    month: wall.getUTCMonth() + 1,
    day: wall.getUTCDate(),
    hour: wall.getUTCHours(),
    minute: wall.getUTCMinutes(),
    second: wall.getUTCSeconds(),
  };
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** The Europe/Rome calendar date of an instant: a quote made at 00:30 on 1 September in Rome is dated 1 September. */
export function todayInRome(now: Date): IsoDate {
  const p = romeParts(now);
  return `${String(p.year).padStart(4, '0')}-${pad2(p.month)}-${pad2(p.day)}`;
}

/** How far Rome is ahead of UTC at that instant, in ms (one hour in winter, two in summer). */
function romeOffsetMs(at: Date): number {
  const p = romeParts(at);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(at.getTime() / 1000) * 1000;
}

/**
 * The instant `days` calendar days later at the same Rome wall-clock time, so a deadline does not
 * drift by an hour across a daylight-saving change. A wall time that falls in the spring-forward
 * gap comes out one hour off, which no slot can be booked in anyway.
 */
export function addRomeDays(at: Date, days: number): Date {
  const wall = at.getTime() + romeOffsetMs(at) + days * MS_PER_DAY;
  let utc = wall - romeOffsetMs(new Date(wall - romeOffsetMs(at)));
  utc = wall - romeOffsetMs(new Date(utc));
  return new Date(utc);
}

const LOCAL_PATTERN = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

/** An instant as Rome's wall clock shows it, `YYYY-MM-DDTHH:mm`: how agendas and bookings spell a start. */
export function romeWallTime(at: Date): string {
  const p = romeParts(at);
  return `${todayInRome(at)}T${pad2(p.hour)}:${pad2(p.minute)}`;
}

/**
 * The instant of a Rome wall-clock time `YYYY-MM-DDTHH:mm` (an agenda's slot start). The night
 * hours around a daylight-saving change are ambiguous or missing; no agenda opens then.
 * @returns an invalid Date when the text is not such a time.
 */
export function romeWallTimeToInstant(local: string): Date {
  const m = LOCAL_PATTERN.exec(local);
  if (!m) return new Date(Number.NaN);
  const wall = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]));
  // Guess the offset, then take the one in force at the guessed instant.
  let utc = wall - romeOffsetMs(new Date(wall - MS_PER_HOUR));
  utc = wall - romeOffsetMs(new Date(utc));
  return new Date(utc);
}
