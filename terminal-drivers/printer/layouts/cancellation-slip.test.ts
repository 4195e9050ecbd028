import { describe, expect, it } from 'vitest';
import { PROFILES } from '../profiles.ts';
import { renderText } from '../render-text.ts';
import { cancellationSlip, type CancellationSlipData } from './cancellation-slip.ts';

const data: CancellationSlipData = {
  bookingCode: '200000000113',
  taxCode: 'RSSMRA85T10A562S',
  providerName: 'IRCCS Ospedale Policlinico San Martino',
  placeName: 'Padiglione 10, Cardiologia',
  startsAt: '2026-12-14T09:30',
  services: [{ code: '89.7A.3', description: 'Prima visita cardiologica' }],
  cancelledAt: '2026-12-03T09:00:00.000Z',
  timing: 'in-time',
  refund: { refundId: 'RF-1A2B3C4D', amountCents: 2066 },
  terminalId: 'kiosk-1',
};

describe('cancellation receipt', () => {
  const text = (d: CancellationSlipData, lang: 'it' | 'en' = 'it') => renderText(cancellationSlip(d, lang), Object.values(PROFILES)[0]!);

  it('prints the booking cancelled, when it was, and the refund with its reference', () => {
    const t = text(data);
    expect(t).toContain('RICEVUTA DI DISDETTA');
    expect(t).toContain('2000 0000 0113');
    expect(t).toContain('14/12/2026 09:30');
    expect(t).toContain('RIMBORSO RICHIESTO');
    expect(t).toContain('RF-1A2B3C4D');
    expect(t).toMatch(/20,66/);
  });

  it('says a late cancellation leaves the ticket due, and an unpaid one in time owes nothing', () => {
    const late = text({ ...data, timing: 'late', refund: undefined });
    expect(late).toContain('DISDETTA TARDIVA');
    expect(late).not.toContain('RIMBORSO');
    expect(text({ ...data, refund: undefined })).toContain('Nulla da pagare');
    expect(text(data, 'en')).toContain('REFUND REQUESTED');
  });
});
