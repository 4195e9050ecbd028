import { describe, expect, it } from 'vitest';
import { buildReconciliation, daysOf, reconciliationRange, romeHourOf, terminalDay, type ReconciliationRows } from './reconciliation.ts';

const row = { day: '2026-03-02', terminalId: 'T1', payments: 3, cashPayments: 2, collectedCents: 10_000, cardCents: 4_000, changeCents: 700, itemsCents: 10_003 };

describe('reconciliation rules', () => {
  it('splits what a terminal kept into cash and card and calls the rounding a difference', () => {
    expect(terminalDay(row)).toEqual({ terminalId: 'T1', payments: 3, collectedCents: 10_000, cashCents: 6_000, cardCents: 4_000, changeCents: 700, itemsCents: 10_003, differenceCents: -3, anomaly: false });
  });

  it('flags a difference over 2 cents per cash payment, either way', () => {
    expect(terminalDay({ ...row, itemsCents: 10_005 }).anomaly).toBe(true);
    expect(terminalDay({ ...row, itemsCents: 9_995 }).anomaly).toBe(true);
    expect(terminalDay({ ...row, itemsCents: 9_996 }).anomaly).toBe(false);
    // Card only: not a cent may differ.
    expect(terminalDay({ ...row, cashPayments: 0, itemsCents: 10_001 }).anomaly).toBe(true);
  });

  it('lists every day of the range, sums providers across terminals and totals the range', () => {
    const rows: ReconciliationRows = {
      terminals: [{ ...row, terminalId: 'T2' }, row, { ...row, day: '2026-03-04' }, { ...row, day: '2026-04-01' }],
      providerTerminals: [
        { day: '2026-03-02', terminalId: 'T2', fiscalCode: '2', name: 'B', payments: 1, items: 2, paidCents: 500 },
        { day: '2026-03-02', terminalId: 'T1', fiscalCode: '2', name: 'B', payments: 2, items: 2, paidCents: 700 },
        { day: '2026-03-02', terminalId: 'T1', fiscalCode: '1', name: 'A', payments: 1, items: 1, paidCents: 300 },
      ],
      appointments: [
        { day: '2026-03-02', fiscalCode: '1', name: 'A', appointments: 4, paid: 1, unpaid: 3, unpaidWithNotice: 1, unpaidNoticeCents: 2066 },
        { day: '2026-03-03', fiscalCode: '3', name: 'C', appointments: 1, paid: 0, unpaid: 1, unpaidWithNotice: 0, unpaidNoticeCents: 0 },
      ],
    };
    const r = buildReconciliation('2026-03-02', '2026-03-04', rows);
    expect(r.days.map((d) => d.day)).toEqual(['2026-03-02', '2026-03-03', '2026-03-04']);
    const [first, second, third] = r.days;
    expect(first!.terminals.map((t) => t.terminalId)).toEqual(['T1', 'T2']);
    expect(first!.providers.map((p) => [p.fiscalCode, p.payments, p.itemsPaid, p.paidCents, p.terminals.map((t) => t.terminalId), p.appointmentsUnpaid])).toEqual([
      ['1', 1, 1, 300, ['T1'], 3],
      ['2', 3, 4, 1200, ['T1', 'T2'], 0],
    ]);
    expect(first!.totals).toEqual({ payments: 6, collectedCents: 20_000, cashCents: 12_000, cardCents: 8_000, itemsCents: 20_006, differenceCents: -6, appointmentsUnpaid: 3, unpaidNoticeCents: 2066 });
    // A provider with appointments and nothing paid is listed all the same.
    expect(second!.providers).toEqual([expect.objectContaining({ fiscalCode: '3', payments: 0, paidCents: 0, appointments: 1, appointmentsUnpaid: 1 })]);
    expect(third!.terminals).toHaveLength(1);
    // Rows outside the range are not counted.
    expect(r.totals.payments).toBe(9);
    expect(r.totals.appointmentsUnpaid).toBe(4);
  });

  it('counts a payment on its Rome day and hour, whatever offset its terminal wrote', () => {
    expect(romeHourOf('2026-03-02T23:30:00.000Z')).toBe('2026-03-03T00');
    expect(romeHourOf('2026-03-02T00:30:00+01:00')).toBe('2026-03-02T00');
    // Summer time: two hours ahead.
    expect(romeHourOf('2026-07-01T22:10:00Z')).toBe('2026-07-02T00');
    expect(romeHourOf('2026-07-01T21:59:59Z')).toBe('2026-07-01T23');
  });

  it('checks the range: calendar dates, in order, a year at most', () => {
    expect(reconciliationRange('2026-03-02')).toEqual({ from: '2026-03-02', to: '2026-03-02' });
    expect(daysOf('2024-02-28', '2024-03-01')).toEqual(['2024-02-28', '2024-02-29', '2024-03-01']);
    expect(() => reconciliationRange('2026-02-30')).toThrow(expect.objectContaining({ code: 'DATE_INVALID' }));
    expect(() => reconciliationRange('2026-3-2')).toThrow(expect.objectContaining({ code: 'DATE_INVALID' }));
    expect(() => reconciliationRange('2026-03-02', '2026-03-01')).toThrow(expect.objectContaining({ code: 'DATE_RANGE_INVALID' }));
    expect(reconciliationRange('2024-01-01', '2024-12-31').to).toBe('2024-12-31');
    expect(() => reconciliationRange('2024-01-01', '2025-01-01')).toThrow(expect.objectContaining({ code: 'DATE_RANGE_INVALID' }));
  });
});
