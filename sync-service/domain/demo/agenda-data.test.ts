import { describe, expect, it } from 'vitest';
import { prescriptionDeadline } from '../agenda.ts';
import { parseNre } from '../codes/nre.ts';
import { romeWallTimeToInstant } from '../rome-time.ts';
import { demoAgenda } from './agenda.ts';
import { DEMO_PROVIDERS } from './bookings.ts';
import { DEMO_CITIZENS } from './citizens.ts';
import { DEMO_WAITING_LIST_NRE, demoPrescriptions } from './prescriptions.ts';

const TODAY = '2026-06-01';
// 08:00 in Rome on TODAY.
const SEEDED_AT = new Date('2026-06-01T06:00:00Z');
const prescriptions = demoPrescriptions(TODAY);
const agenda = demoAgenda(TODAY, 130);

describe('demo prescriptions', () => {
  it('are valid Liguria NREs of demo citizens, each once', () => {
    for (const p of prescriptions) {
      expect(parseNre(p.nre).region).toBe('070');
      expect(DEMO_CITIZENS.some((c) => c.taxCode === p.taxCode)).toBe(true);
    }
    expect(new Set(prescriptions.map((p) => p.nre)).size).toBe(prescriptions.length);
  });
  it('give Mario Rossi a B visit, a D test, a P and one with an exemption', () => {
    const rossi = prescriptions.filter((p) => p.taxCode === 'RSSMRA85T10A562S');
    expect(rossi.map((p) => p.priority).sort()).toEqual(['B', 'D', 'P', 'U']);
    expect(rossi.find((p) => p.priority === 'B')?.services[0]?.code).toBe('89.7A.3');
    expect(rossi.find((p) => p.priority === 'D')?.services[0]?.code).toBe('88.76.1');
    expect(rossi.some((p) => p.exemptions.length > 0)).toBe(true);
  });
  it('are issued on or before the seeding day', () => {
    for (const p of prescriptions) expect(p.issuedOn <= TODAY).toBe(true);
  });
});

describe('demo agenda', () => {
  it('is deterministic, a few thousand slots, each id once', () => {
    expect(demoAgenda(TODAY, 130)).toEqual(agenda);
    expect(agenda.length).toBeGreaterThan(1500);
    expect(agenda.length).toBeLessThan(8000);
    expect(new Set(agenda.map((s) => s.slotId)).size).toBe(agenda.length);
    expect(agenda[0]?.slotId).toBe(`${agenda[0]?.provider.id}:${agenda[0]?.serviceCode}:${agenda[0]?.startsAt}`);
  });
  it('opens weekdays only, and a later start repeats the days both cover', () => {
    for (const s of agenda) expect([1, 2, 3, 4, 5]).toContain(new Date(`${s.startsAt.slice(0, 10)}T12:00:00Z`).getUTCDay());
    const later = new Set(demoAgenda('2026-06-02', 10).filter((s) => s.serviceCode === '89.7').map((s) => s.slotId));
    const first = agenda.filter((s) => s.serviceCode === '89.7' && s.startsAt >= '2026-06-02' && s.startsAt < '2026-06-12').map((s) => s.slotId);
    expect(first.every((id) => later.has(id))).toBe(true);
  });
  it('has intramoenia slots at San Martino, and earliest slots that differ by provider', () => {
    expect(agenda.some((s) => s.intramoenia && s.provider.id === DEMO_PROVIDERS.sanMartino.id)).toBe(true);
    expect(agenda.every((s) => !s.intramoenia || s.provider.id === DEMO_PROVIDERS.sanMartino.id)).toBe(true);
    const earliest = (providerId: string) => agenda.find((s) => s.serviceCode === '89.7A.3' && s.provider.id === providerId && !s.intramoenia)?.startsAt;
    const firsts = Object.values(DEMO_PROVIDERS).map((p) => earliest(p.id));
    expect(new Set(firsts).size).toBe(3);
  });
  it("has a slot in time for every demo prescription but the urgent neurology visit", () => {
    for (const p of prescriptions) {
      const deadline = prescriptionDeadline(p, SEEDED_AT).getTime();
      const inTime = agenda.some((s) => s.serviceCode === p.services[0]?.code && romeWallTimeToInstant(s.startsAt).getTime() <= deadline);
      expect([p.nre, inTime]).toEqual([p.nre, p.nre !== DEMO_WAITING_LIST_NRE]);
    }
  });
});
