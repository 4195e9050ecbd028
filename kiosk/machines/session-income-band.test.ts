import { describe, expect, it } from 'vitest';
import { fromPromise } from 'xstate';
import { classify } from '@cup-kiosk/sync-service/domain';
import type { DeclareIncomeBandInput, IncomeBandDeclared, IncomeBandInForce } from '../bridge/terminal-api.ts';
import { EMPTY } from './session-machine.ts';
import { mario, settle, start } from './session-fakes.ts';

/** To the band form of an identified citizen, with the band the host answers. */
async function atBandForm(overrides: Parameters<typeof start>[0] = {}) {
  const session = start(overrides);
  session.actor.send({ type: 'CARD.INSERTED', citizen: mario });
  session.actor.send({ type: 'MENU.INCOME_BAND' });
  expect(session.actor.getSnapshot().value).toBe('findingIncomeBand');
  await settle();
  return session;
}

/** A declaration that fails `times` times with a typed error, then records. */
function failingDeclaration(code: string, times: number) {
  let failures = 0;
  return fromPromise<IncomeBandDeclared, DeclareIncomeBandInput>(async ({ input }) => {
    if (failures++ < times) throw { code, message: code.toLowerCase() };
    return { declarationId: 'd2', band: input.band, declaredOn: '2026-12-03' };
  });
}

describe('income band self-certification', () => {
  it('shows the band held now, takes the one picked and confirmed, says it is recorded and returns to the menu', async () => {
    const { actor, calls, clock } = await atBandForm();
    expect(calls).toContain(`band:${mario.taxCode}`);
    expect(actor.getSnapshot().value).toBe('choosingIncomeBand');
    expect(actor.getSnapshot().context).toMatchObject({ incomeBand: { band: 3, declaredOn: '2026-11-20' }, chosenBand: null });

    // No band picked: confirming does nothing.
    actor.send({ type: 'INCOME_BAND.CONFIRM' });
    expect(actor.getSnapshot().value).toBe('choosingIncomeBand');
    actor.send({ type: 'INCOME_BAND.CHOOSE', band: 1 });
    actor.send({ type: 'INCOME_BAND.CHOOSE', band: 2 });
    expect(actor.getSnapshot().context.chosenBand).toBe(2);
    actor.send({ type: 'INCOME_BAND.CONFIRM' });
    expect(actor.getSnapshot().value).toBe('declaringIncomeBand');
    await settle();
    expect(calls.filter((c) => c.startsWith('declare'))).toEqual([`declare:${mario.taxCode}:2`]);
    expect(actor.getSnapshot().value).toBe('incomeBandRecorded');
    expect(actor.getSnapshot().context.incomeBand).toEqual({ band: 2, declaredOn: '2026-12-03' });

    // Read, then back to the menu on its own, the form forgotten and the citizen still there.
    clock.increment(10_000);
    expect(actor.getSnapshot().value).toBe('menu');
    expect(actor.getSnapshot().context).toMatchObject({ citizen: mario, incomeBand: null, chosenBand: null, error: null });
  });

  it('returns to the menu at once with the button on the recorded screen', async () => {
    const { actor } = await atBandForm();
    actor.send({ type: 'INCOME_BAND.CHOOSE', band: 4 });
    actor.send({ type: 'INCOME_BAND.CONFIRM' });
    await settle();
    actor.send({ type: 'NAV.BACK' });
    expect(actor.getSnapshot().value).toBe('menu');
  });

  it('keeps the form and the band picked when the declaration fails, to confirm again or go back', async () => {
    const { actor } = await atBandForm({ declareIncomeBand: failingDeclaration('DB_BUSY', 1) });
    actor.send({ type: 'INCOME_BAND.CHOOSE', band: 2 });
    actor.send({ type: 'INCOME_BAND.CONFIRM' });
    await settle();
    expect(actor.getSnapshot().value).toBe('choosingIncomeBand');
    expect(actor.getSnapshot().context).toMatchObject({ chosenBand: 2, error: { code: 'DB_BUSY' } });
    // A retry clears the error and records.
    actor.send({ type: 'INCOME_BAND.CONFIRM' });
    expect(actor.getSnapshot().context.error).toBeNull();
    await settle();
    expect(actor.getSnapshot().value).toBe('incomeBandRecorded');
  });

  it('goes back to the menu from a failed declaration, with nothing of the form left', async () => {
    const { actor } = await atBandForm({ declareIncomeBand: failingDeclaration('TAX_CODE_CHECK', 5) });
    actor.send({ type: 'INCOME_BAND.CHOOSE', band: 1 });
    actor.send({ type: 'INCOME_BAND.CONFIRM' });
    await settle();
    expect(actor.getSnapshot().context.error?.code).toBe('TAX_CODE_CHECK');
    actor.send({ type: 'NAV.BACK' });
    expect(actor.getSnapshot().value).toBe('menu');
    expect(actor.getSnapshot().context).toMatchObject({ incomeBand: null, chosenBand: null, error: null });
  });

  it('opens the form without a band held when the host cannot say, and says when none was declared', async () => {
    const unknown = await atBandForm({
      incomeBand: fromPromise<IncomeBandInForce, { taxCode: string }>(async () => {
        throw { code: 'HOST_FAILURE', message: 'db' };
      }),
    });
    expect(unknown.actor.getSnapshot().value).toBe('choosingIncomeBand');
    expect(unknown.actor.getSnapshot().context).toMatchObject({ incomeBand: null, error: null });
    const none = await atBandForm({ incomeBand: fromPromise<IncomeBandInForce, { taxCode: string }>(async () => ({ band: null, declaredOn: null })) });
    expect(none.actor.getSnapshot().context.incomeBand).toEqual({ band: null, declaredOn: null });
  });

  it('is offered to a citizen identified by the barcode of the card too, with the code read', async () => {
    const { actor, calls } = start();
    actor.send({ type: 'SCAN.READ', text: mario.taxCode, classified: classify(mario.taxCode) });
    expect(actor.getSnapshot().value).toBe('menu');
    actor.send({ type: 'MENU.INCOME_BAND' });
    await settle();
    expect(actor.getSnapshot().value).toBe('choosingIncomeBand');
    expect(calls).toContain(`band:${mario.taxCode}`);
  });

  it('ends the session when the card is taken out or nobody answers, forgetting the citizen', async () => {
    const out = await atBandForm();
    out.actor.send({ type: 'INCOME_BAND.CHOOSE', band: 2 });
    out.actor.send({ type: 'CARD.REMOVED' });
    expect(out.actor.getSnapshot().value).toBe('idle');
    expect(out.actor.getSnapshot().context).toEqual(EMPTY);

    const quiet = await atBandForm();
    quiet.clock.increment(60_000);
    // Picking a band counts as an answer: the wait starts again.
    quiet.actor.send({ type: 'INCOME_BAND.CHOOSE', band: 1 });
    quiet.clock.increment(60_000);
    expect(quiet.actor.getSnapshot().value).toBe('choosingIncomeBand');
    quiet.clock.increment(30_000);
    expect(quiet.actor.getSnapshot().value).toBe('idle');
    expect(quiet.actor.getSnapshot().context).toEqual(EMPTY);
  });
});
