import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { nexoTerminal } from '../../../terminal-drivers/pos/index.ts';
import { codeOf, eur, openPosRig, sleep, type PosRig } from './harness.ts';

// Every outcome the simulated terminal can give, through the driver over a real socket.

let rig: PosRig;
beforeEach(async () => {
  rig = await openPosRig();
});
afterEach(() => rig.close());

describe('POS payment outcomes', () => {
  it('approve: authorisation code, masked card, acquirer reference and the cardholder receipt', async () => {
    const req = eur(3228);
    const r = await rig.terminal.pay(req);
    expect(r).toMatchObject({ outcome: 'approved', transactionId: req.transactionId, amountCents: 3228 });
    if (r.outcome !== 'approved') return;
    expect(r.authorisationCode).toMatch(/^\d{6}$/);
    expect(r.maskedPan).toMatch(/^\d{6}\*{6}\d{4}$/);
    expect(r.acquirerReference).not.toBe('');
    expect(r.poiTransactionId).toMatch(/^SIM-POS-0001\./);
    expect(r.cardholderReceipt).toContain('IMPORTO EUR 32,28');
    expect(r.cardholderReceipt).toContain(`AUT. ${r.authorisationCode}`);
    expect(r.cardholderReceipt.join('\n')).not.toMatch(/\d{13,}/); // never a full card number
    expect(await rig.terminal.status(req.transactionId)).toEqual(r);
    expect(rig.sim.charges(req.transactionId)).toBe(1);
  });

  it('decline, cancel by the cardholder and PIN timeout are final and charge nothing', async () => {
    for (const [sim, outcome] of [['decline', 'declined'], ['cancel', 'cancelled'], ['pin-timeout', 'timeout']] as const) {
      rig.sim.next(sim);
      const req = eur(1500);
      const r = await rig.terminal.pay(req);
      expect(r.outcome, sim).toBe(outcome);
      expect(r.outcome !== 'approved' && r.reason).toBeTruthy();
      expect((await rig.terminal.status(req.transactionId)).outcome).toBe(outcome);
      expect(rig.sim.charges(req.transactionId)).toBe(0);
    }
  });

  it('busy: told at once, nothing started, the next payment goes through', async () => {
    rig.sim.next('busy');
    const req = eur(700);
    expect(await codeOf(rig.terminal.pay(req))).toBe('POS_BUSY');
    expect((await rig.terminal.status(req.transactionId)).outcome).toBe('not-found');
    expect((await rig.terminal.pay(eur(700))).outcome).toBe('approved');
  });

  it('busy while another payment waits for its cardholder', async () => {
    rig.sim.next('approve', { delayMs: 300 });
    const first = rig.terminal.pay(eur(100));
    await sleep(50);
    expect(await codeOf(rig.terminal.pay(eur(200)))).toBe('POS_BUSY');
    expect((await first).outcome).toBe('approved');
  });

  it('offline: the connection is refused, nothing charged; back online it pays', async () => {
    await rig.sim.goOffline();
    const req = eur(900);
    expect(await codeOf(rig.terminal.pay(req))).toBe('POS_OFFLINE');
    expect(await codeOf(rig.terminal.status(req.transactionId))).toBe('POS_OFFLINE');
    await rig.sim.goOnline();
    expect((await rig.terminal.status(req.transactionId)).outcome).toBe('not-found');
    expect((await rig.terminal.pay(req)).outcome).toBe('approved');
  });

  it('unreachable: a terminal address that does not resolve', async () => {
    // `.invalid` never resolves (RFC 2606), whatever network the test runs on.
    const far = nexoTerminal({ host: 'pos.invalid', port: 8443, saleId: 'K', poiId: 'P', connectTimeoutMs: 2000 });
    expect(await codeOf(far.pay(eur(100)))).toBe('POS_UNREACHABLE');
  });

  it('communication lost after the request: OUTCOME_UNKNOWN, and status finds the approval', async () => {
    rig.sim.next('lost');
    const req = eur(4550);
    const err = await rig.terminal.pay(req).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'POS_OUTCOME_UNKNOWN', details: { transactionId: req.transactionId } });
    const s = await rig.terminal.status(req.transactionId);
    expect(s).toMatchObject({ outcome: 'approved', amountCents: 4550 });
    expect(rig.sim.charges(req.transactionId)).toBe(1);
  });

  it('late approval: OUTCOME_UNKNOWN at our timeout, in-progress, then approved', async () => {
    // 1000 ms against the driver's 400: wide margins either side of the status checks.
    rig.sim.next('late', { delayMs: 1000 });
    const req = eur(1200);
    expect(await codeOf(rig.terminal.pay(req))).toBe('POS_OUTCOME_UNKNOWN');
    expect((await rig.terminal.status(req.transactionId)).outcome).toBe('in-progress');
    expect(await codeOf(rig.terminal.reverse(req.transactionId))).toBe('POS_BUSY');
    await sleep(800);
    expect((await rig.terminal.status(req.transactionId)).outcome).toBe('approved');
  });

  it('abort: a payment waiting for its cardholder ends cancelled', async () => {
    rig.sim.next('late', { delayMs: 5000 });
    const req = eur(800);
    const pending = rig.terminal.pay(req);
    await sleep(50);
    await rig.terminal.abort(req.transactionId);
    // The driver's own timeout is 400 ms: the aborted payment's answer comes well before.
    expect(await pending).toMatchObject({ outcome: 'cancelled', reason: expect.stringMatching(/abort/i) });
    expect((await rig.terminal.status(req.transactionId)).outcome).toBe('cancelled');
    await rig.terminal.abort(req.transactionId); // nothing in progress: changes nothing
    expect(rig.sim.charges(req.transactionId)).toBe(0);
  });

  it('the same transaction id is never charged twice', async () => {
    const req = eur(1000);
    expect((await rig.terminal.pay(req)).outcome).toBe('approved');
    expect(await codeOf(rig.terminal.pay(req))).toBe('POS_DUPLICATE_TRANSACTION');
    rig.sim.next('decline');
    const declined = eur(1000);
    expect((await rig.terminal.pay(declined)).outcome).toBe('declined');
    expect(await codeOf(rig.terminal.pay(declined))).toBe('POS_DUPLICATE_TRANSACTION');
    expect(rig.sim.charges()).toBe(1);
  });

  it('close: day totals net of reversals, then a new period', async () => {
    await rig.terminal.pay(eur(1000));
    await rig.terminal.pay(eur(250));
    const reversed = eur(999);
    await rig.terminal.pay(reversed);
    rig.sim.next('decline');
    await rig.terminal.pay(eur(5000));
    expect(await rig.terminal.reverse(reversed.transactionId)).toMatchObject({ outcome: 'reversed', reversedCents: 999 });
    expect(await rig.terminal.close()).toEqual({ count: 2, totalCents: 1250, reversed: { count: 1, totalCents: 999 }, reconciliationId: '1' });
    expect(await rig.terminal.close()).toEqual({ count: 0, totalCents: 0, reversed: { count: 0, totalCents: 0 }, reconciliationId: '2' });
  });
});
