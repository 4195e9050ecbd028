import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recoverPayment } from '../../../terminal-drivers/pos/index.ts';
import { codeOf, eur, openPosRig, sleep, type PosRig } from './harness.ts';

// The case that matters: the request went out and no answer came. The host's outbox holds the
// payment intent (here: the transaction id the test keeps); the terminal's journal holds the truth.

let rig: PosRig;
beforeEach(async () => {
  rig = await openPosRig();
});
afterEach(() => rig.close());

describe('POS unknown outcomes', () => {
  it('request sent, connection lost, host restarted: status says approved and nothing is charged twice', async () => {
    rig.sim.next('lost');
    const intent = eur(2580);
    expect(await codeOf(rig.terminal.pay(intent))).toBe('POS_OUTCOME_UNKNOWN');

    await rig.restartHost();
    const s = await rig.terminal.status(intent.transactionId);
    expect(s).toMatchObject({ outcome: 'approved', transactionId: intent.transactionId, amountCents: 2580 });
    expect(s.outcome === 'approved' && s.cardholderReceipt).toContain('IMPORTO EUR 25,80');
    expect(await recoverPayment(rig.terminal, intent.transactionId)).toMatchObject({ settled: 'paid', payment: { authorisationCode: expect.any(String) } });

    // A host that retried the payment instead of asking would be refused, not charged again.
    expect(await codeOf(rig.terminal.pay(intent))).toBe('POS_DUPLICATE_TRANSACTION');
    expect(rig.sim.charges(intent.transactionId)).toBe(1);
    expect(rig.sim.served.Payment).toBe(2);
    expect(await rig.terminal.close()).toMatchObject({ count: 1, totalCents: 2580 });
  });

  it('host crashed before the request left: status says not-found, and paying again is safe', async () => {
    const intent = eur(1100);
    await rig.restartHost();
    expect(await recoverPayment(rig.terminal, intent.transactionId)).toEqual({ settled: 'not-paid', transactionId: intent.transactionId, status: 'not-found' });
    expect((await rig.terminal.pay(intent)).outcome).toBe('approved');
  });

  it('late approval: reversed, and status then says reversed', async () => {
    rig.sim.next('late', { delayMs: 600 });
    const intent = eur(1750);
    expect(await codeOf(rig.terminal.pay(intent))).toBe('POS_OUTCOME_UNKNOWN');
    // The kiosk has told the citizen the card was not taken (and, say, returned their cash).
    await rig.restartHost();
    const settled = await recoverPayment(rig.terminal, intent.transactionId, { keepApproval: false, pollMs: 50 });
    expect(settled).toMatchObject({ settled: 'reversed', amountCents: 1750 });
    const s = await rig.terminal.status(intent.transactionId);
    expect(s).toMatchObject({ outcome: 'reversed', amountCents: 1750 });
    expect(rig.sim.charges(intent.transactionId)).toBe(0);
    // Settling again changes nothing: status is read-only and reversal is idempotent.
    expect(await recoverPayment(rig.terminal, intent.transactionId, { keepApproval: false })).toMatchObject({ settled: 'reversed' });
    expect(await rig.terminal.reverse(intent.transactionId)).toMatchObject({ outcome: 'reversed', reversedCents: 1750 });
    expect(rig.sim.served.Reversal).toBe(1);
    expect(await rig.terminal.close()).toEqual({ count: 0, totalCents: 0, reversed: { count: 1, totalCents: 1750 }, reconciliationId: '1' });
  });

  it('a payment stuck in progress is aborted after the deadline and settles as not paid', async () => {
    rig.sim.next('late', { delayMs: 10_000 });
    const intent = eur(600);
    expect(await codeOf(rig.terminal.pay(intent))).toBe('POS_OUTCOME_UNKNOWN');
    const settled = await recoverPayment(rig.terminal, intent.transactionId, { pollMs: 50, abortAfterMs: 200 });
    expect(settled).toEqual({ settled: 'not-paid', transactionId: intent.transactionId, status: 'cancelled' });
    await sleep(50);
    expect(rig.sim.charges()).toBe(0);
  });

  it('a terminal offline during recovery is a typed error; recovery later completes', async () => {
    rig.sim.next('lost');
    const intent = eur(990);
    expect(await codeOf(rig.terminal.pay(intent))).toBe('POS_OUTCOME_UNKNOWN');
    await rig.sim.goOffline();
    expect(await codeOf(recoverPayment(rig.terminal, intent.transactionId))).toBe('POS_OFFLINE');
    await rig.sim.goOnline();
    expect(await recoverPayment(rig.terminal, intent.transactionId)).toMatchObject({ settled: 'paid' });
  });
});
