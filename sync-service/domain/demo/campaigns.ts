import type { AgendaSlot } from '../agenda.ts';
import type { Campaign, Invitation } from '../campaigns.ts';
import { MS_PER_DAY } from '../rome-time.ts';
import type { IsoDate } from '../types.ts';
import { demoAgenda, type AgendaLine } from './agenda.ts';
import { DEMO_PROVIDERS } from './bookings.ts';

const ROSSI = 'RSSMRA85T10A562S';
const VERDI = 'VRDGPP50H22D96VF';

/** The demo's campaign codes. */
export const DEMO_CAMPAIGN = { colorectal: 'SCR-CCR', flu: 'VAC-FLU' } as const;

const SERVICES = {
  colorectal: { code: 'SCR.CCR', description: 'Screening del tumore del colon-retto: consegna del kit per il sangue occulto' },
  flu: { code: 'VAC.FLU', description: 'Vaccinazione antinfluenzale' },
} as const;

const PLACES = {
  screening: { name: 'Palazzo della Salute Fiumara – Screening oncologici', address: 'Via Operai 80, 16149 Genova GE' },
  vaccines: { name: 'ASL 3, Centro vaccinale di Via Assarotti', address: 'Via Assarotti 35, 16122 Genova GE' },
} as const;

const shift = (date: IsoDate, days: number): IsoDate => new Date(Date.parse(`${date}T00:00:00Z`) + days * MS_PER_DAY).toISOString().slice(0, 10);

/**
 * The demo campaigns, open around `today` (Europe/Rome): colorectal cancer screening and the
 * flu vaccination. Seeding keeps the first dates a central stored.
 */
export function demoCampaigns(today: IsoDate): Campaign[] {
  return [
    { code: DEMO_CAMPAIGN.colorectal, name: 'Screening del tumore del colon-retto', kind: 'screening', service: { ...SERVICES.colorectal }, validFrom: shift(today, -15), validTo: shift(today, 90) },
    { code: DEMO_CAMPAIGN.flu, name: 'Campagna di vaccinazione antinfluenzale', kind: 'vaccination', service: { ...SERVICES.flu }, validFrom: shift(today, -30), validTo: shift(today, 60) },
  ];
}

/** Letters sent: Mario Rossi to the screening and the flu vaccination, Giuseppe Verdi to the flu vaccination. */
export function demoInvitations(today: IsoDate): Invitation[] {
  const letter = (campaignCode: string, taxCode: string, daysAgo: number): Invitation => ({ invitationId: `${campaignCode}-${taxCode}`, campaignCode, taxCode, invitedOn: shift(today, -daysAgo) });
  return [letter(DEMO_CAMPAIGN.colorectal, ROSSI, 10), letter(DEMO_CAMPAIGN.flu, ROSSI, 20), letter(DEMO_CAMPAIGN.flu, VERDI, 20)];
}

const { asl3 } = DEMO_PROVIDERS;
const LINES: readonly AgendaLine[] = [
  { provider: asl3, place: PLACES.screening, service: SERVICES.colorectal.code, weekdays: [1, 2, 3, 4, 5], from: '08:00', to: '12:00', minutes: 15, sparsity: 3, opensAfterDays: 1 },
  { provider: asl3, place: PLACES.vaccines, service: SERVICES.flu.code, weekdays: [1, 3, 5], from: '09:00', to: '13:00', minutes: 10, sparsity: 3, opensAfterDays: 1 },
];

/** The campaigns' agendas for `days` days from `firstDay`, made like the demo agenda (same ids on a reseed). */
export function demoCampaignAgenda(firstDay: IsoDate, days: number): AgendaSlot[] {
  return demoAgenda(firstDay, days, LINES);
}
