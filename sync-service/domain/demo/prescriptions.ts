import type { PrescriptionRecord } from '../agenda.ts';
import { DEMO_CATALOGUE } from '../catalogue/demo-catalogue.ts';
import type { Priority } from '../priority.ts';
import { MS_PER_DAY } from '../rome-time.ts';
import type { BookedService, IsoDate } from '../types.ts';

/** A catalogue service as a prescription books it, with its tariff. */
function service(code: string): BookedService {
  const s = DEMO_CATALOGUE.find((c) => c.code === code);
  if (!s) throw new Error(`demo prescription names ${code}, not in the demo catalogue`);
  return { code: s.code, description: s.description, tariffCents: s.tariffCents };
}

interface DemoPrescription {
  nre: string;
  taxCode: string;
  priority: Priority;
  /** Days before the seeding day it was issued. */
  issuedDaysAgo: number;
  prescriber: string;
  services: string[];
  exemptions?: string[];
}

const ROSSI = 'RSSMRA85T10A562S';
const KOVALENKO = 'KVLLNO72C55Z138F';
const BIANCHI = 'BNCGLI90E50H501O';
const VERDI = 'VRDGPP50H22D96VF';

/** The NRE of the demo's urgent neurology visit: its agenda opens only after its 72 hours. */
export const DEMO_WAITING_LIST_NRE = '0701B2000417442';

const PRESCRIPTIONS: readonly DemoPrescription[] = [
  // Hypertension (031) exempts the ECG, not the first visit.
  { nre: '0701B2000417411', taxCode: ROSSI, priority: 'B', issuedDaysAgo: 2, prescriber: 'Dott.ssa Anna Parodi', services: ['89.7A.3', '89.52'], exemptions: ['031'] },
  // A test: D gives 60 days.
  { nre: '0701B2000417428', taxCode: ROSSI, priority: 'D', issuedDaysAgo: 5, prescriber: 'Dott.ssa Anna Parodi', services: ['88.76.1'] },
  { nre: '0701B2000417435', taxCode: ROSSI, priority: 'P', issuedDaysAgo: 12, prescriber: 'Dott.ssa Anna Parodi', services: ['95.02', '89.11'] },
  // Urgent, and the neurology agenda starts in 4 days: nothing in time, the waiting list.
  { nre: DEMO_WAITING_LIST_NRE, taxCode: ROSSI, priority: 'U', issuedDaysAgo: 0, prescriber: 'Dott. Marco Ferraro (guardia medica)', services: ['89.13'] },
  { nre: '0701B2000702305', taxCode: KOVALENKO, priority: 'D', issuedDaysAgo: 3, prescriber: 'Dott. Luca Canepa', services: ['89.26.1'] },
  { nre: '0701B2000702312', taxCode: KOVALENKO, priority: 'B', issuedDaysAgo: 1, prescriber: 'Dott. Luca Canepa', services: ['88.73.1'] },
  { nre: '0701B2000588320', taxCode: BIANCHI, priority: 'B', issuedDaysAgo: 4, prescriber: 'Dott.ssa Chiara Repetto', services: ['89.7A.6'] },
  { nre: '0701B2000588337', taxCode: BIANCHI, priority: 'P', issuedDaysAgo: 20, prescriber: 'Dott.ssa Chiara Repetto', services: ['87.44.1'] },
  // Diabetes (013) exempts the eye fundus exam.
  { nre: '0701B2000640105', taxCode: VERDI, priority: 'D', issuedDaysAgo: 6, prescriber: 'Dott. Paolo Risso', services: ['95.09.1'], exemptions: ['013'] },
];

/** The calendar date `days` before an ISO date. */
function daysBefore(date: IsoDate, days: number): IsoDate {
  return new Date(Date.parse(`${date}T00:00:00Z`) - days * MS_PER_DAY).toISOString().slice(0, 10);
}

/**
 * The demo citizens' open prescriptions, issued in the days before `today` (Europe/Rome): Mario
 * Rossi's cardiology visit (B, with an exemption), abdominal ultrasound (D), eye visit (P) and
 * urgent neurology visit (U, no slot in time); two for Olena Kovalenko, two for Giulia Bianchi,
 * one for Giuseppe Verdi.
 */
export function demoPrescriptions(today: IsoDate): PrescriptionRecord[] {
  return PRESCRIPTIONS.map((p) => ({
    nre: p.nre,
    taxCode: p.taxCode,
    priority: p.priority,
    issuedOn: daysBefore(today, p.issuedDaysAgo),
    prescriber: p.prescriber,
    services: p.services.map(service),
    exemptions: [...(p.exemptions ?? [])],
  }));
}
