import { DEMO_CITIZENS } from '@cup-kiosk/sync-service/domain';
import { describe, expect, it } from 'vitest';
import { citizenFromPersonalData, romeToday } from './citizen.ts';
import { CardDataCorruptError, CardExpiredError } from './errors.ts';
import { decodePersonalData, encodePersonalData } from './ts-cns.ts';

const NOW = new Date('2026-03-01T10:00:00Z');

function card(over: Partial<Parameters<typeof encodePersonalData>[0]> = {}) {
  return decodePersonalData(
    encodePersonalData({ issueDate: '2025-01-01', expiryDate: '2031-01-01', surname: 'VERDI', name: 'GIUSEPPE', birthDate: '1950-06-22', sex: 'M', taxCode: 'VRDGPP50H22D96VF', ...over }),
  );
}

describe('citizenFromPersonalData', () => {
  it('checks the codice fiscale and takes the birthplace from it when the chip has none', () => {
    const c = citizenFromPersonalData(card(), NOW);
    expect(c).toEqual({ taxCode: 'VRDGPP50H22D96VF', surname: 'VERDI', name: 'GIUSEPPE', sex: 'M', birthDate: '1950-06-22', birthplaceCode: 'D969', cardExpiry: '2031-01-01' });
  });

  it('prefers the chip birthplace, or the birth country for a citizen born abroad', () => {
    expect(citizenFromPersonalData(card({ birthplace: 'D969' }), NOW).birthplaceCode).toBe('D969');
    const olena = DEMO_CITIZENS.find((c) => c.birthplaceCode === 'Z138')!;
    const data = card({ taxCode: olena.taxCode, sex: 'F', birthDate: olena.birthDate, birthCountry: 'Z138' });
    expect(citizenFromPersonalData(data, NOW).birthplaceCode).toBe('Z138');
  });

  it('calls a codice fiscale that does not check corrupt data', () => {
    const e = (() => {
      try {
        return citizenFromPersonalData(card({ taxCode: 'VRDGPP50H22D96VA' }), NOW);
      } catch (err) {
        return err;
      }
    })();
    expect(e).toBeInstanceOf(CardDataCorruptError);
    expect((e as CardDataCorruptError).details).toMatchObject({ reason: 'taxCode', taxCodeError: 'TAX_CODE_CHECK' });
  });

  it('accepts a card on its expiry day (Rome time) and refuses it the day after, with the citizen', () => {
    expect(citizenFromPersonalData(card({ expiryDate: '2026-03-01' }), NOW).cardExpiry).toBe('2026-03-01');
    // 23:30 UTC on 1 March is already 2 March in Rome.
    const late = new Date('2026-03-01T23:30:00Z');
    expect(romeToday(late)).toBe('2026-03-02');
    try {
      citizenFromPersonalData(card({ expiryDate: '2026-03-01' }), late);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(CardExpiredError);
      expect((e as CardExpiredError).code).toBe('CARD_EXPIRED');
      expect((e as CardExpiredError).citizen.taxCode).toBe('VRDGPP50H22D96VF');
    }
  });
});
