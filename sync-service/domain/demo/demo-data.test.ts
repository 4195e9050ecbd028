import { describe, expect, it } from 'vitest';
import { normalizeBookingCode } from '../booking-code.ts';
import { catalogueIndex, DEMO_CATALOGUE } from '../catalogue/demo-catalogue.ts';
import { parseTaxCode } from '../tax-code.ts';
import { DEMO_BOOKINGS, DEMO_PROVIDERS } from './bookings.ts';
import { DEMO_CITIZENS, demoCitizen } from './citizens.ts';
import { DEMO_NOTICES, DEMO_NOTICES_AS_OF } from './notices.ts';

const NOW = new Date('2026-06-01T10:00:00Z');

/** Check digit of an Italian 11-digit fiscal code of a body (partita IVA), Luhn-like. */
function vatCheckDigit(first10: string): number {
  let sum = 0;
  [...first10].forEach((c, i) => {
    const d = Number(c) * (i % 2 === 1 ? 2 : 1);
    sum += d > 9 ? d - 9 : d;
  });
  return (10 - (sum % 10)) % 10;
}

describe('demo citizens', () => {
  it('are the six of the fixture', () => {
    expect(DEMO_CITIZENS.map((c) => `${c.name} ${c.surname}`)).toEqual(['Mario Rossi', 'Olena Kovalenko', 'Giuseppe Verdi', 'Lucia Esposito', 'Luca Ferrari', 'Giulia Bianchi']);
  });
  it.each(DEMO_CITIZENS.map((c) => [c.taxCode, c] as const))('%s parses and matches the citizen', (_code, c) => {
    const info = parseTaxCode(c.taxCode, NOW);
    expect({ sex: info.sex, birthDate: info.birthDate, birthplaceCode: info.birthplaceCode }).toEqual({ sex: c.sex, birthDate: c.birthDate, birthplaceCode: c.birthplaceCode });
    expect(info.taxCode).toBe(c.taxCode);
  });
  it('include an omocode, a foreign birthplace, an expired card and a child', () => {
    expect(parseTaxCode('VRDGPP50H22D96VF', NOW).omocode).toBe(true);
    expect(demoCitizen('kvllno72c55z138f')?.birthplaceCode).toBe('Z138');
    expect(demoCitizen('SPSLCU40A41D969K')?.cardExpiry).toBe('2024-01-31');
    expect(demoCitizen('FRRLCU22M15D969I')?.birthDate).toBe('2022-08-15');
  });
});

describe('demo bookings', () => {
  it.each(DEMO_BOOKINGS.map((b) => [b.code, b] as const))('%s is a valid code of a demo citizen', (code, b) => {
    expect(normalizeBookingCode(code)).toBe(code);
    expect(demoCitizen(b.taxCode)).toBeDefined();
    // Upcoming appointments, and three of autumn 2026 left unpaid (credit recovery).
    expect(b.startsAt).toMatch(/^(2026-09|2026-10|2026-12|2027-01)-\d\dT\d\d:\d\d$/);
  });
  it('leave unpaid exactly the autumn appointments the demo notices recover, before the recovery run', () => {
    const past = DEMO_BOOKINGS.filter((b) => b.startsAt.slice(0, 10) < DEMO_NOTICES_AS_OF);
    expect(past.map((b) => b.code)).toEqual(DEMO_NOTICES.map((n) => n.bookingCode));
    expect(past.every((b) => b.status === 'booked' && !b.intramoenia)).toBe(true);
    expect(DEMO_BOOKINGS.filter((b) => b.startsAt.slice(0, 10) >= DEMO_NOTICES_AS_OF).map((b) => b.code)).toEqual(['123456789092', '070000000143', '070000000240', '070000000337']);
  });
  it('use catalogue services at catalogue tariffs, except the intramoenia fee', () => {
    const index = catalogueIndex(DEMO_CATALOGUE);
    for (const b of DEMO_BOOKINGS) {
      for (const s of b.prescriptions.flatMap((p) => p.services)) {
        const item = index.get(s.code);
        expect(item, s.code).toBeDefined();
        if (!b.intramoenia) expect({ description: s.description, tariffCents: s.tariffCents }).toEqual({ description: item?.description, tariffCents: item?.tariffCents });
      }
    }
  });
  it('name providers with valid 11-digit fiscal codes', () => {
    for (const p of Object.values(DEMO_PROVIDERS)) {
      expect(p.fiscalCode).toMatch(/^\d{11}$/);
      expect(vatCheckDigit(p.fiscalCode.slice(0, 10))).toBe(Number(p.fiscalCode.charAt(10)));
    }
  });
  it('carry 15-character NREs of Liguria (070)', () => {
    for (const p of DEMO_BOOKINGS.flatMap((b) => b.prescriptions)) if (p.nre !== undefined) expect(p.nre).toMatch(/^070[0-9A-Z]{2}\d{10}$/);
  });
});
