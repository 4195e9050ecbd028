import { describe, expect, it } from 'vitest';
import { classify } from '@cup-kiosk/sync-service/domain';
import { EMPTY } from './session-machine.ts';
import { mario, start } from './session-fakes.ts';

// Identifying by the codice fiscale typed on the on-screen keyboard, from the insert-card screen.

/** On the keyboard screen, nobody identified yet. */
function typing() {
  const s = start();
  s.actor.send({ type: 'SESSION.START' });
  s.actor.send({ type: 'TAX_CODE.ENTER' });
  expect(s.actor.getSnapshot().value).toBe('enteringTaxCode');
  expect(s.actor.getSnapshot().context).toEqual(EMPTY);
  return s;
}

describe('codice fiscale typed on the keyboard', () => {
  it('identifies by a valid code exactly as a scanned card barcode does: the tax code, no name', () => {
    const { actor } = typing();
    actor.send({ type: 'TAX_CODE.SUBMIT', taxCode: mario.taxCode });
    expect(actor.getSnapshot().value).toBe('menu');
    expect(actor.getSnapshot().context.citizen).toEqual({ taxCode: mario.taxCode, surname: '', name: '', sex: 'M', birthDate: '1985-12-10', birthplaceCode: 'A562' });

    const scanned = start().actor;
    scanned.send({ type: 'SESSION.START' });
    scanned.send({ type: 'SCAN.READ', text: mario.taxCode, classified: classify(mario.taxCode) });
    expect(scanned.getSnapshot().context.citizen).toEqual(actor.getSnapshot().context.citizen);
  });

  it('takes a code typed in lower case, upper-cased', () => {
    const { actor } = typing();
    actor.send({ type: 'TAX_CODE.SUBMIT', taxCode: mario.taxCode.toLowerCase() });
    expect(actor.getSnapshot().value).toBe('menu');
    expect(actor.getSnapshot().context.citizen?.taxCode).toBe(mario.taxCode);
  });

  it.each([
    ['a wrong check character', 'RSSMRA85T10A562X'],
    ['an incomplete code', 'RSSMRA85T10A562'],
    ['a letter where a digit goes', 'RSSMRA8XT10A562S'],
    ['nothing', ''],
  ])('refuses %s: the guard keeps the citizen on the keyboard, unidentified', (_why, taxCode) => {
    const { actor } = typing();
    actor.send({ type: 'TAX_CODE.SUBMIT', taxCode });
    expect(actor.getSnapshot().value).toBe('enteringTaxCode');
    expect(actor.getSnapshot().context.citizen).toBeNull();
  });

  it('lets a card inserted while typing win: its citizen, name and all', () => {
    const { actor } = typing();
    actor.send({ type: 'CARD.INSERTED', citizen: { ...mario, taxCode: 'KVLLNO72C55Z138F', name: 'OLENA', surname: 'KOVALENKO' } });
    expect(actor.getSnapshot().value).toBe('menu');
    expect(actor.getSnapshot().context.citizen?.name).toBe('OLENA');
  });

  it('shows the card error for a card that cannot be read while typing', () => {
    const { actor } = typing();
    actor.send({ type: 'CARD.ERROR', code: 'CARD_MUTE', message: 'mute' });
    expect(actor.getSnapshot().value).toBe('cardError');
  });

  it('goes back to the insert-card screen, and from there back again to the start', () => {
    const { actor } = typing();
    actor.send({ type: 'NAV.BACK' });
    expect(actor.getSnapshot().value).toBe('waitingCard');
    actor.send({ type: 'TAX_CODE.ENTER' });
    expect(actor.getSnapshot().value).toBe('enteringTaxCode');
    // The submit event is for this screen only: on the insert-card screen it does nothing.
    actor.send({ type: 'NAV.BACK' });
    actor.send({ type: 'TAX_CODE.SUBMIT', taxCode: mario.taxCode });
    expect(actor.getSnapshot().value).toBe('waitingCard');
    expect(actor.getSnapshot().context.citizen).toBeNull();
  });

  it('ends after the inactivity delay unless a key is pressed, and on the attention timeout', () => {
    const { actor, clock } = typing();
    clock.increment(89_000);
    actor.send({ type: 'SESSION.ACTIVITY' });
    clock.increment(89_000);
    expect(actor.getSnapshot().value).toBe('enteringTaxCode');
    clock.increment(1_000);
    expect(actor.getSnapshot().value).toBe('idle');

    const other = typing().actor;
    other.send({ type: 'SESSION.TIMEOUT' });
    expect(other.getSnapshot().value).toBe('idle');
  });
});
