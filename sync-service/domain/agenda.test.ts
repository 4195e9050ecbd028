import { describe, expect, it } from 'vitest';
import { heldBooking, issuedBookingCode, prescriptionDeadline, type AgendaSlot, type PrescriptionRecord } from './agenda.ts';
import { normalizeBookingCode } from './booking-code.ts';
import { DEMO_PROVIDERS } from './demo/bookings.ts';

// 10:00 in Rome (CEST) on 1 June 2026.
const AT = new Date('2026-06-01T08:00:00Z');

const prescription: PrescriptionRecord = {
  nre: '0701B2000417411',
  taxCode: 'RSSMRA85T10A562S',
  priority: 'D',
  issuedOn: '2026-05-30',
  prescriber: 'Dott.ssa Anna Parodi',
  services: [
    { code: '89.7A.3', description: 'Prima visita cardiologica', tariffCents: 2066 },
    { code: '89.52', description: 'Elettrocardiogramma', tariffCents: 1162 },
  ],
  exemptions: ['031'],
};

const slot: AgendaSlot = {
  slotId: 'osp-san-martino:89.7A.3:2026-06-10T09:30',
  provider: DEMO_PROVIDERS.sanMartino,
  place: { name: 'Ambulatori di cardiologia', address: 'Largo Rosanna Benzi 10' },
  serviceCode: '89.7A.3',
  startsAt: '2026-06-10T09:30',
  durationMinutes: 30,
  intramoenia: false,
};

describe('prescriptionDeadline', () => {
  it("counts from the request by the first service's kind", () => {
    expect(prescriptionDeadline(prescription, AT).toISOString()).toBe('2026-07-01T08:00:00.000Z');
    const test = { ...prescription, services: [{ code: '88.76.1', description: 'Ecografia addome completo', tariffCents: 7590 }] };
    expect(prescriptionDeadline(test, AT).toISOString()).toBe('2026-07-31T08:00:00.000Z');
  });
  it('takes an unknown service as a visit, and a region may tighten a class', () => {
    const unknown = { ...prescription, services: [{ code: '99.99', description: '?', tariffCents: 0 }] };
    expect(prescriptionDeadline(unknown, AT).toISOString()).toBe('2026-07-01T08:00:00.000Z');
    expect(prescriptionDeadline(prescription, AT, { D: { visit: { days: 20 }, test: { days: 40 } } }).toISOString()).toBe('2026-06-21T08:00:00.000Z');
  });
});

describe('issuedBookingCode', () => {
  it("is '2', nine digits of sequence and valid check digits", () => {
    const code = issuedBookingCode(1);
    expect(code).toMatch(/^2000000001\d{2}$/);
    expect(normalizeBookingCode(code)).toBe(code);
    expect(issuedBookingCode(999_999_999).slice(0, 10)).toBe('2999999999');
  });
  it('refuses what does not fit', () => {
    expect(() => issuedBookingCode(0)).toThrow(/sequence/);
    expect(() => issuedBookingCode(1_000_000_000)).toThrow(/sequence/);
  });
});

describe('heldBooking', () => {
  it("makes the booking of the slot's provider, place and start, with the prescription's services", () => {
    expect(heldBooking(prescription, slot, '200000000123')).toEqual({
      code: '200000000123',
      taxCode: 'RSSMRA85T10A562S',
      provider: DEMO_PROVIDERS.sanMartino,
      place: slot.place,
      startsAt: '2026-06-10T09:30',
      prescriptions: [{ nre: '0701B2000417411', services: prescription.services }],
      exemptions: ['031'],
      status: 'booked',
      intramoenia: false,
    });
  });
  it('drops exemptions in intramoenia', () => {
    expect(heldBooking(prescription, { ...slot, intramoenia: true }, '200000000123')).toMatchObject({ intramoenia: true, exemptions: [] });
  });
});
