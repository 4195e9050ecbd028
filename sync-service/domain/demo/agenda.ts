import type { AgendaSlot } from '../agenda.ts';
import { MS_PER_DAY } from '../rome-time.ts';
import type { IsoDate, Place, Provider } from '../types.ts';
import { DEMO_PLACES, DEMO_PROVIDERS } from './bookings.ts';

const PLACES = {
  ...DEMO_PLACES,
  sanMartinoNeuro: { name: 'San Martino, Clinica neurologica – Ambulatori', address: 'Largo Paolo Daneo 3, 16132 Genova GE' },
  sanMartinoEyes: { name: 'San Martino, Clinica oculistica', address: 'Viale Benedetto XV 5, 16132 Genova GE' },
  fiumaraVisits: { name: 'Palazzo della Salute Fiumara – Poliambulatorio', address: 'Via Operai 80, 16149 Genova GE' },
  gallieraVisits: { name: 'Galliera, Ambulatori specialistici', address: 'Mura delle Cappuccine 14, 16128 Genova GE' },
  gallieraRadiology: { name: 'Galliera, Diagnostica per immagini', address: 'Salita Nuova di Nostra Signora Assunta 1, 16128 Genova GE' },
} as const satisfies Record<string, Place>;

/** One agenda: a provider's service at a place, open on some weekdays. */
export interface AgendaLine {
  provider: Provider;
  place: Place;
  service: string;
  /** 1 Monday .. 5 Friday. */
  weekdays: readonly number[];
  /** Opening hours, local, and the length of a slot. */
  from: string;
  to: string;
  minutes: number;
  /** One time in `sparsity` is offered (the others are taken already). */
  sparsity: number;
  /** Days after the first day before this agenda opens. */
  opensAfterDays?: number;
  intramoenia?: boolean;
}

const { sanMartino, asl3, galliera } = DEMO_PROVIDERS;
const MORNING = { from: '08:00', to: '13:00' };
const AFTERNOON = { from: '14:30', to: '18:30' };

const LINES: readonly AgendaLine[] = [
  // Cardiology first visits: San Martino soonest, ASL 3 the day after, Galliera later.
  { provider: sanMartino, place: PLACES.sanMartinoCardio, service: '89.7A.3', weekdays: [1, 2, 3, 4, 5], ...MORNING, minutes: 30, sparsity: 5, opensAfterDays: 1 },
  { provider: asl3, place: PLACES.fiumaraVisits, service: '89.7A.3', weekdays: [2, 4], ...MORNING, minutes: 30, sparsity: 3, opensAfterDays: 2 },
  { provider: galliera, place: PLACES.gallieraVisits, service: '89.7A.3', weekdays: [1, 3], ...MORNING, minutes: 20, sparsity: 4, opensAfterDays: 6 },
  { provider: sanMartino, place: PLACES.sanMartinoIntramoenia, service: '89.7A.3', weekdays: [2, 4], ...AFTERNOON, minutes: 30, sparsity: 2, intramoenia: true },
  { provider: sanMartino, place: PLACES.sanMartinoCardio, service: '89.01.3', weekdays: [3, 5], ...MORNING, minutes: 20, sparsity: 4 },
  // Ultrasound: ASL 3 at Fiumara, Galliera radiology.
  { provider: asl3, place: PLACES.fiumara, service: '88.76.1', weekdays: [1, 2, 3, 4, 5], ...MORNING, minutes: 20, sparsity: 6, opensAfterDays: 9 },
  { provider: galliera, place: PLACES.gallieraRadiology, service: '88.76.1', weekdays: [2, 5], ...MORNING, minutes: 30, sparsity: 3, opensAfterDays: 14 },
  { provider: asl3, place: PLACES.fiumara, service: '88.73.1', weekdays: [1, 3, 5], ...MORNING, minutes: 20, sparsity: 4, opensAfterDays: 3 },
  { provider: asl3, place: PLACES.fiumara, service: '88.71.4', weekdays: [2, 4], ...MORNING, minutes: 20, sparsity: 4, opensAfterDays: 5 },
  { provider: galliera, place: PLACES.gallieraRadiology, service: '87.44.1', weekdays: [1, 2, 3, 4, 5], ...MORNING, minutes: 20, sparsity: 5, opensAfterDays: 1 },
  // Eyes: a long wait, as in life.
  { provider: sanMartino, place: PLACES.sanMartinoEyes, service: '95.02', weekdays: [1, 4], ...MORNING, minutes: 30, sparsity: 4, opensAfterDays: 40 },
  { provider: galliera, place: PLACES.gallieraVisits, service: '95.02', weekdays: [3], ...MORNING, minutes: 30, sparsity: 3, opensAfterDays: 55 },
  { provider: galliera, place: PLACES.galliera, service: '95.09.1', weekdays: [2, 4], ...MORNING, minutes: 20, sparsity: 4, opensAfterDays: 8 },
  // Neurology opens in 4 days: an urgent (72 hours) prescription finds nothing in time.
  { provider: sanMartino, place: PLACES.sanMartinoNeuro, service: '89.13', weekdays: [1, 2, 3, 4, 5], ...MORNING, minutes: 30, sparsity: 4, opensAfterDays: 4 },
  { provider: galliera, place: PLACES.gallieraVisits, service: '89.13', weekdays: [2], ...MORNING, minutes: 30, sparsity: 3, opensAfterDays: 12 },
  { provider: asl3, place: PLACES.fiumaraVisits, service: '89.26.1', weekdays: [1, 3], ...MORNING, minutes: 30, sparsity: 4, opensAfterDays: 7 },
  { provider: sanMartino, place: PLACES.sanMartinoIntramoenia, service: '89.26.1', weekdays: [1, 3], ...AFTERNOON, minutes: 30, sparsity: 2, opensAfterDays: 1, intramoenia: true },
  { provider: asl3, place: PLACES.fiumaraVisits, service: '89.7A.6', weekdays: [2, 5], ...MORNING, minutes: 30, sparsity: 4, opensAfterDays: 6 },
  { provider: galliera, place: PLACES.gallieraVisits, service: '89.7A.6', weekdays: [1, 4], ...MORNING, minutes: 30, sparsity: 4, opensAfterDays: 3 },
  { provider: galliera, place: PLACES.galliera, service: '89.7A.8', weekdays: [1, 3, 5], ...MORNING, minutes: 20, sparsity: 4, opensAfterDays: 2 },
  { provider: asl3, place: PLACES.fiumaraVisits, service: '89.7', weekdays: [1, 2, 3, 4, 5], ...MORNING, minutes: 20, sparsity: 6 },
];

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
const hhmm = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/** FNV-1a: the same text always picks the same times, on every machine. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** A slot's id: provider, service and local start, so a reseed names the same slot the same way. */
export const demoSlotId = (providerId: string, serviceCode: string, startsAt: string): string => `${providerId}:${serviceCode}:${startsAt}`;

/**
 * The demo agendas of the three demo providers for `days` calendar days from `firstDay`
 * (Europe/Rome), weekdays only, a few free times a day: the same arguments always give the same
 * slots, so seeding again adds only the days that were not there.
 */
export function demoAgenda(firstDay: IsoDate, days: number, lines: readonly AgendaLine[] = LINES): AgendaSlot[] {
  const start = Date.parse(`${firstDay}T00:00:00Z`);
  const out: AgendaSlot[] = [];
  for (let d = 0; d < days; d++) {
    const day = new Date(start + d * MS_PER_DAY);
    const weekday = day.getUTCDay();
    const date = day.toISOString().slice(0, 10);
    for (const line of lines) {
      if (d < (line.opensAfterDays ?? 0) || !line.weekdays.includes(weekday)) continue;
      for (let t = minutesOf(line.from); t + line.minutes <= minutesOf(line.to); t += line.minutes) {
        const startsAt = `${date}T${hhmm(t)}`;
        if (hash(`${line.provider.id}|${line.service}|${startsAt}`) % line.sparsity !== 0) continue;
        out.push({
          slotId: demoSlotId(line.provider.id, line.service, startsAt),
          provider: { ...line.provider },
          place: { ...line.place },
          serviceCode: line.service,
          startsAt,
          durationMinutes: line.minutes,
          intramoenia: line.intramoenia ?? false,
        });
      }
    }
  }
  return out;
}
