import { describe, expect, it } from 'vitest';
import { EPSON_TM_T88 } from '../profiles.ts';
import { renderText } from '../render-text.ts';
import { conflictList } from './conflict-list.ts';

describe('the desk list of conflicts', () => {
  it('prints each conflict with its reason, citizen, booking, money owed back and whether it was read', () => {
    const text = renderText(
      conflictList({
        terminalId: 'KIOSK-01',
        printedAt: '2026-12-03T10:00:00.000Z',
        conflicts: [
          { key: 'payment:p9', kind: 'payment', reason: 'NOTICE_ALREADY_PAID', taxCode: 'RSSMRA85T10A562S', bookingCode: '100000000190', paidCents: 2455, at: '2026-12-01T09:00:00.000Z', acknowledgedAt: null },
          { key: 'campaign-booking:2', kind: 'campaign-booking', reason: 'SLOT_TAKEN', taxCode: 'VRDGPP50H22D96VF', bookingCode: null, paidCents: null, at: '2026-12-02T09:00:00.000Z', acknowledgedAt: '2026-12-03T08:00:00.000Z' },
        ],
      }),
      EPSON_TM_T88,
    );
    expect(text).toContain('CONFLITTI DA RISOLVERE');
    expect(text).toContain('NOTICE_ALREADY_PAID');
    expect(text).toMatch(/Da rimborsare\s+24,55/);
    expect(text).toContain('RSSMRA85T10A562S');
    expect(text).toMatch(/Letto dal cittadino\s+no/);
    expect(text).toContain('SLOT_TAKEN');
    expect(text).toContain('Totale: 2');
    // A conflict without money owed prints no refund line.
    expect(text.match(/Da rimborsare/g)).toHaveLength(1);
  });

  it('says when there is nothing to resolve', () => {
    expect(renderText(conflictList({ terminalId: 'KIOSK-01', printedAt: '2026-12-03T10:00:00.000Z', conflicts: [] }), EPSON_TM_T88)).toContain('Nessun conflitto.');
  });
});
