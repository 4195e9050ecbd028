import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PosTruth } from '../../../terminal-drivers/sim/pos/index.ts';
import { seeded } from '../../seeded-random.ts';
import { codeOf, eur, openPosRig, type PosRig } from './harness.ts';

// What the simulated terminal tells a crash test: every payment it started, how it ended, whether
// its answer reached the sale system and what it charged; outcomes set on command or drawn from a
// seed; and time off the network, refused at connection.

let rig: PosRig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

const byId = (t: PosTruth, id: string) => t.transactions.find((x) => x.transactionId === id);

describe('POS simulator truth', () => {
  it('records each payment with its end, its answer and its charge, and each refusal', async () => {
    rig = await openPosRig();
    const approved = eur(1200);
    await rig.terminal.pay(approved);
    rig.sim.next('decline');
    const declined = eur(300);
    await rig.terminal.pay(declined);
    rig.sim.next('lost');
    const lost = eur(450);
    expect(await codeOf(rig.terminal.pay(lost))).toBe('POS_OUTCOME_UNKNOWN');
    rig.sim.next('busy');
    const busy = eur(99);
    expect(await codeOf(rig.terminal.pay(busy))).toBe('POS_BUSY');
    expect(await codeOf(rig.terminal.pay(approved))).toBe('POS_DUPLICATE_TRANSACTION');
    await rig.terminal.reverse(lost.transactionId);

    const t = rig.sim.truth();
    expect(t.online).toBe(true);
    expect(t.transactions.map((x) => x.transactionId)).toEqual([approved.transactionId, declined.transactionId, lost.transactionId]);
    expect(byId(t, approved.transactionId)).toEqual({ transactionId: approved.transactionId, amountCents: 1200, planned: 'approve', state: 'approved', answered: true, reversed: false, chargedCents: 1200 });
    expect(byId(t, declined.transactionId)).toMatchObject({ planned: 'decline', state: 'declined', answered: true, chargedCents: 0 });
    expect(byId(t, lost.transactionId)).toMatchObject({ planned: 'lost', state: 'approved', answered: false, reversed: true, chargedCents: 0 });
    expect(t.refused).toEqual([
      { transactionId: busy.transactionId, amountCents: 99, reason: 'busy' },
      { transactionId: approved.transactionId, amountCents: 1200, reason: 'duplicate' },
    ]);
    expect(t.served).toMatchObject({ Payment: 5 });
  });

  it('an answer ready after the sale system hung up was never delivered; the approval stands', async () => {
    rig = await openPosRig({ paymentTimeoutMs: 100 });
    rig.sim.next('approve', { delayMs: 300 });
    const req = eur(800);
    expect(await codeOf(rig.terminal.pay(req))).toBe('POS_OUTCOME_UNKNOWN');
    expect(byId(rig.sim.truth(), req.transactionId)).toMatchObject({ state: 'in-progress', answered: null });
    await vi.waitFor(() => expect(byId(rig!.sim.truth(), req.transactionId)?.state).toBe('approved'), { timeout: 5000 });
    expect(byId(rig.sim.truth(), req.transactionId)).toMatchObject({ answered: false, chargedCents: 800 });
  });

  it('replace forgets the plans a sale system never came to use', async () => {
    rig = await openPosRig();
    rig.sim.next('decline').next('decline');
    rig.sim.next('cancel', { replace: true });
    expect((await rig.terminal.pay(eur(100))).outcome).toBe('cancelled');
    expect((await rig.terminal.pay(eur(100))).outcome).toBe('approved');
  });

  it('offline: the next payment is refused at connection, nothing started; back on the network after the delay', async () => {
    rig = await openPosRig();
    rig.sim.next('offline', { delayMs: 300 }).next('decline');
    expect(rig.sim.truth().online).toBe(false);
    const req = eur(500);
    expect(await codeOf(rig.terminal.pay(req))).toBe('POS_OFFLINE');
    await vi.waitFor(() => expect(rig!.sim.truth().online).toBe(true), { timeout: 5000 });
    expect((await rig.terminal.status(req.transactionId)).outcome).toBe('not-found');
    // The plan after the time off serves the next payment.
    expect((await rig.terminal.pay(eur(500))).outcome).toBe('declined');
    expect(rig.sim.truth().transactions).toHaveLength(1);
  });

  it('outcomes drawn from a seed come again for the same seed', async () => {
    const weights = { approve: 3, decline: 1, cancel: 1, 'pin-timeout': 1, busy: 1 } as const;
    const run = async (seed: number) => {
      rig = await openPosRig({}, { random: { random: seeded(seed), weights, delayMs: [0, 20] } });
      const outcomes: string[] = [];
      for (let i = 0; i < 20; i++) outcomes.push(await rig.terminal.pay(eur(100 + i)).then((r) => r.outcome, (e: { code: string }) => e.code));
      await rig.close();
      rig = undefined;
      return outcomes;
    };
    const first = await run(42);
    expect(await run(42)).toEqual(first);
    // Every outcome weighted is drawn in twenty payments of this seed; a plan on command comes first.
    expect(new Set(first)).toEqual(new Set(['approved', 'declined', 'cancelled', 'timeout', 'POS_BUSY']));
    rig = await openPosRig({}, { random: { random: seeded(42), weights } });
    rig.sim.next('lost');
    expect(await codeOf(rig.terminal.pay(eur(100)))).toBe('POS_OUTCOME_UNKNOWN');
    expect(await rig.terminal.pay(eur(100)).then((r) => r.outcome, (e: { code: string }) => e.code)).toBe(first[0]);
  });
});
