import { DEMO_CITIZENS, isCupError } from '@cup-kiosk/sync-service/domain';
import { describe, expect, it } from 'vitest';
import { citizenFromPersonalData } from '../../card/citizen.ts';
import { readPersonalDataFile } from '../../card/read-session.ts';
import { decodePersonalData } from '../../card/ts-cns.ts';
import { CardModel } from './card-model.ts';
import { CNS_ATR, OTHER_ATR, cardProfile, cardProfiles } from './profiles.ts';

const NOW = new Date('2026-03-01T10:00:00Z');

async function readProfile(id: string) {
  const p = cardProfile(id)!;
  const model = new CardModel(p.files);
  const { bytes } = await readPersonalDataFile(async (c) => model.process(c));
  return citizenFromPersonalData(decodePersonalData(bytes), NOW);
}

describe('demo card profiles', () => {
  it('has one card per demo citizen, and the faults', () => {
    const ids = cardProfiles().map((p) => p.id);
    expect(ids).toEqual(expect.arrayContaining(['mario-rossi', 'olena-kovalenko', 'giuseppe-verdi', 'lucia-esposito', 'luca-ferrari', 'giulia-bianchi']));
    expect(ids).toEqual(expect.arrayContaining(['damaged', 'bad-tax-code', 'not-ts-cns', 'mute', 'slow']));
    expect(cardProfiles()).toHaveLength(DEMO_CITIZENS.length + 5);
  });

  it('gives ATRs whose TCK checks', () => {
    for (const atr of [CNS_ATR, OTHER_ATR]) expect(atr.slice(1).reduce((x, b) => x ^ b, 0)).toBe(0);
    expect(new TextDecoder().decode(CNS_ATR)).toContain('CNS');
  });

  for (const p of cardProfiles()) {
    it(`${p.id}: reads as ${p.expectedError ?? 'its citizen'} through the chip model`, async () => {
      const outcome = await readProfile(p.id).catch((e: unknown) => e);
      if (p.mute) return; // the model answers; the simulator is what keeps quiet
      if (p.expectedError) {
        expect(isCupError(outcome) && outcome.code).toBe(p.expectedError);
      } else {
        expect(outcome).toEqual(p.citizen);
      }
    });
  }

  it('writes each demo citizen as a real card does: upper case, dates and birthplace kept', async () => {
    for (const c of DEMO_CITIZENS.filter((c) => !c.cardExpiry || c.cardExpiry > '2026-03-01')) {
      const read = await readProfile(`${c.name}-${c.surname}`.toLowerCase());
      expect(read).toEqual({ ...c, surname: c.surname.toUpperCase(), name: c.name.toUpperCase() });
    }
  });
});
