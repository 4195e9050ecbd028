import { DEMO_BOOKINGS, DEMO_RULE_SETS, quoteBooking, quoteTicket, parseTaxCode } from '@cup-kiosk/sync-service/domain';
import type { Report } from './report.ts';

/** Quotes for a regional day's requests (10,000 bookings), and codice fiscale checks. */
export default async function (report: Report): Promise<void> {
  const DAY = 10_000;
  const requests = Array.from({ length: DAY }, (_, i) => ({
    date: ['2011-05-01', '2011-08-01', '2012-03-01', '2024-03-01'][i % 4]!,
    incomeBand: ((i % 5) || null) as 1 | 2 | 3 | 4 | null,
    exemptions: i % 7 === 0 ? ['E01'] : [],
    prescriptions: [{ services: [{ code: '89.7', tariffCents: 2066 + (i % 100) }, { code: '89.52', tariffCents: 1162 }] }],
  }));
  let t = performance.now();
  for (const r of requests) quoteTicket(r, DEMO_RULE_SETS);
  let s = (performance.now() - t) / 1000;
  report({ name: 'ticket quotes, a regional day (10,000 requests)', value: s * 1000, unit: 'ms' });
  report({ name: 'ticket quotes per second', value: Math.round(DAY / s), unit: '/s' });

  t = performance.now();
  for (let i = 0; i < DAY; i++) quoteBooking(DEMO_BOOKINGS[i % DEMO_BOOKINGS.length]!, '2026-12-01', null, DEMO_RULE_SETS);
  s = (performance.now() - t) / 1000;
  report({ name: 'booking quotes per second', value: Math.round(DAY / s), unit: '/s' });

  const N = 100_000;
  t = performance.now();
  for (let i = 0; i < N; i++) parseTaxCode('RSSMRA85T10A562S');
  s = (performance.now() - t) / 1000;
  report({ name: 'codice fiscale checks per second', value: Math.round(N / s), unit: '/s' });
}
