import { describe, expect, it } from 'vitest';
import { fromPromise } from 'xstate';
import { leftToPay, paidSoFar } from './session-machine.ts';
import { mario, settle, start } from './session-fakes.ts';

// One amount paid part in cash and part by card, in either order; a declined card with cash
// already in leaves the citizen the choice.

/** A citizen at the booking's review screen. */
async function atReview(overrides: Parameters<typeof start>[0] = {}) {
  const kit = start(overrides);
  kit.actor.send({ type: 'CARD.INSERTED', citizen: mario });
  kit.actor.send({ type: 'MENU.PAY_BOOKING' });
  kit.actor.send({ type: 'CODE.SUBMIT', code: '123456789092' });
  await settle();
  expect(kit.actor.getSnapshot().value).toBe('reviewing');
  return kit;
}

/** Paying the booking in cash, with `cents` already credited. */
async function cashIn(cents: number, overrides: Parameters<typeof start>[0] = {}) {
  const kit = await atReview(overrides);
  kit.actor.send({ type: 'PAY.CASH' });
  await settle();
  kit.actor.send({ type: 'CASH.CREDIT', paymentId: 'p1', valueCents: cents, creditedCents: cents, amountDueCents: 2065 });
  expect(kit.actor.getSnapshot().context.payment).toMatchObject({ method: 'cash', creditedCents: cents });
  return kit;
}

const declined = (paymentOpen: boolean) =>
  ({ type: 'POS.DECLINED', paymentId: 'p1', outcome: 'declined', code: 'POS_DECLINED', message: 'refused', paymentOpen }) as const;

describe('cash, then the rest by card', () => {
  it('starts the card for the rest and commits on its approval', async () => {
    const { actor, calls } = await cashIn(500);
    actor.send({ type: 'PAY.REST_BY_CARD' });
    expect(actor.getSnapshot().value).toBe('startingCard');
    expect(actor.getSnapshot().context.payment).toMatchObject({ method: 'card', cardCents: 1566 });
    await settle();
    expect(actor.getSnapshot().value).toBe('paying');
    expect(calls).toContain('rest-by-card:p1');
    expect(actor.getSnapshot().context.payment).toMatchObject({ method: 'card', cardCents: 1566, creditedCents: 500 });
    // The rest-by-card button exists only while cash is being taken.
    actor.send({ type: 'PAY.REST_BY_CARD' });
    expect(calls.filter((c) => c.startsWith('rest-by-card'))).toHaveLength(1);
    actor.send({ type: 'PAYMENT.COMMITTED', paymentId: 'p1', transactionId: 't1', paidCents: 2066, changeDueCents: 0 });
    await settle();
    expect(actor.getSnapshot().value).toBe('done');
  });

  it('a declined card with cash in offers more cash; the cash then completes the payment', async () => {
    const { actor } = await cashIn(500);
    actor.send({ type: 'PAY.REST_BY_CARD' });
    await settle();
    actor.send(declined(true));
    expect(actor.getSnapshot().value).toBe('cardDeclined');
    const { payment, declined: why } = actor.getSnapshot().context;
    expect(why).toMatchObject({ outcome: 'declined', code: 'POS_DECLINED' });
    expect(paidSoFar(payment!)).toBe(500);
    expect(leftToPay(payment!)).toBe(1565);
    actor.send({ type: 'PAY.MORE_CASH' });
    expect(actor.getSnapshot().value).toBe('paying');
    expect(actor.getSnapshot().context.payment).toMatchObject({ method: 'cash', creditedCents: 500, cardCents: 0 });
    expect(actor.getSnapshot().context.declined).toBeNull();
    actor.send({ type: 'CASH.CREDIT', paymentId: 'p1', valueCents: 2000, creditedCents: 2500, amountDueCents: 2065 });
    actor.send({ type: 'PAYMENT.COMMITTED', paymentId: 'p1', transactionId: 't1', paidCents: 2500, changeDueCents: 435 });
    await settle();
    expect(actor.getSnapshot().value).toBe('done');
    expect(actor.getSnapshot().context.completed).toMatchObject({ transactionId: 't1', changeDueCents: 435 });
  });

  it('after a decline, another card is tried on the same payment', async () => {
    const { actor, calls } = await cashIn(500);
    actor.send({ type: 'PAY.REST_BY_CARD' });
    await settle();
    actor.send({ ...declined(true), outcome: 'timeout', code: 'POS_TIMEOUT' });
    expect(actor.getSnapshot().context.declined?.outcome).toBe('timeout');
    actor.send({ type: 'PAY.REST_BY_CARD' });
    await settle();
    expect(actor.getSnapshot().value).toBe('paying');
    expect(calls.filter((c) => c === 'rest-by-card:p1')).toHaveLength(2);
    actor.send({ type: 'PAYMENT.COMMITTED', paymentId: 'p1', transactionId: 't1', paidCents: 2066, changeDueCents: 0 });
    await settle();
    expect(actor.getSnapshot().value).toBe('done');
  });

  it('after a decline, cancel gives the money back and says how', async () => {
    // What came back: 4 euro from the hoppers, 1 euro on a voucher.
    const { actor } = await cashIn(500, {
      cancelPayment: fromPromise(async () => ({ refundedCents: 400, voucherCents: 100, cardReversedCents: 0 })),
    });
    actor.send({ type: 'PAY.REST_BY_CARD' });
    await settle();
    actor.send(declined(true));
    actor.send({ type: 'SESSION.CANCEL' });
    expect(actor.getSnapshot().value).toBe('cancellingPayment');
    // The cancel's own answer is awaited: a late decline of an open payment does not cut it short.
    actor.send({ ...declined(true), outcome: 'cancelled' });
    expect(actor.getSnapshot().value).toBe('cancellingPayment');
    await settle();
    expect(actor.getSnapshot().value).toBe('cancelled');
    expect(actor.getSnapshot().context.cancellation).toEqual({ refundedCents: 400, voucherCents: 100, cardReversedCents: 0 });
  });

  it('cancelling after a card part was approved reports the card reversal too', async () => {
    const { actor } = await atReview({
      cancelPayment: fromPromise(async () => ({ refundedCents: 200, voucherCents: 0, cardReversedCents: 1000 })),
    });
    actor.send({ type: 'PAY.SPLIT' });
    actor.send({ type: 'CARD_PART.SUBMIT', cents: 1000 });
    await settle();
    actor.send({ type: 'POS.APPROVED', paymentId: 'p1', cardCents: 1000, cashDueCents: 1065 });
    actor.send({ type: 'CASH.CREDIT', paymentId: 'p1', valueCents: 200, creditedCents: 200, amountDueCents: 1065 });
    actor.send({ type: 'SESSION.CANCEL' });
    await settle();
    expect(actor.getSnapshot().value).toBe('cancelled');
    expect(actor.getSnapshot().context.cancellation).toEqual({ refundedCents: 200, voucherCents: 0, cardReversedCents: 1000 });
  });

  it('a card that cannot start leaves the citizen on the coin screen with the reason', async () => {
    const { actor } = await (async () => {
      const kit = await atReview({
        payRestByCard: fromPromise<{ cardCents: number }, { paymentId: string }>(async () => {
          throw { code: 'POS_BUSY', message: 'busy' };
        }),
      });
      kit.actor.send({ type: 'PAY.CASH' });
      await settle();
      return kit;
    })();
    actor.send({ type: 'PAY.REST_BY_CARD' });
    await settle();
    expect(actor.getSnapshot().value).toBe('paying');
    expect(actor.getSnapshot().context.payment?.method).toBe('cash');
    expect(actor.getSnapshot().context.error?.code).toBe('POS_BUSY');
  });

  it('a card with nothing left to pay (a coin in flight paid it) leaves the coin screen as it was', async () => {
    const { actor } = await cashIn(500, { payRestByCard: fromPromise(async () => ({ cardCents: 0 })) });
    actor.send({ type: 'PAY.REST_BY_CARD' });
    await settle();
    expect(actor.getSnapshot().value).toBe('paying');
    expect(actor.getSnapshot().context.payment).toMatchObject({ method: 'cash', cardCents: 0, creditedCents: 500 });
    actor.send({ type: 'PAYMENT.COMMITTED', paymentId: 'p1', transactionId: 't1', paidCents: 2100, changeDueCents: 35 });
    await settle();
    expect(actor.getSnapshot().value).toBe('done');
  });

  it('a decline heard while the card is still starting is handled as on the card screen', async () => {
    const open = await cashIn(500);
    open.actor.send({ type: 'PAY.REST_BY_CARD' });
    open.actor.send(declined(true));
    expect(open.actor.getSnapshot().value).toBe('cardDeclined');
    // A payment the host closed (nothing was kept) goes back to the review with the reason.
    const over = await cashIn(500);
    over.actor.send({ type: 'PAY.REST_BY_CARD' });
    over.actor.send(declined(false));
    expect(over.actor.getSnapshot().value).toBe('reviewing');
    expect(over.actor.getSnapshot().context.error?.code).toBe('POS_DECLINED');
  });

  it('a coin dropped on the choice screen takes the citizen back to the coin screen', async () => {
    const { actor } = await cashIn(500);
    actor.send({ type: 'PAY.REST_BY_CARD' });
    await settle();
    actor.send(declined(true));
    actor.send({ type: 'CASH.CREDIT', paymentId: 'p1', valueCents: 100, creditedCents: 600, amountDueCents: 2065 });
    expect(actor.getSnapshot().value).toBe('paying');
    expect(actor.getSnapshot().context.payment).toMatchObject({ method: 'cash', creditedCents: 600 });
  });
});

describe('part by card, the rest in cash', () => {
  it('asks the card part, then takes cash for what the approval leaves', async () => {
    const { actor, begun } = await atReview();
    actor.send({ type: 'PAY.SPLIT' });
    expect(actor.getSnapshot().value).toBe('enteringCardPart');
    // Nothing, the whole total and more are not a part.
    for (const cents of [0, 2066, 5000, 10.5]) {
      actor.send({ type: 'CARD_PART.SUBMIT', cents });
      expect(actor.getSnapshot().value).toBe('enteringCardPart');
    }
    actor.send({ type: 'CARD_PART.SUBMIT', cents: 1000 });
    await settle();
    expect(begun.at(-1)).toEqual({ items: [{ kind: 'booking', bookingCode: '123456789092' }], taxCode: mario.taxCode, method: 'card', cardCents: 1000 });
    expect(actor.getSnapshot().value).toBe('paying');
    expect(actor.getSnapshot().context.payment).toMatchObject({ method: 'card', cardCents: 1000, cashDueCents: 0 });
    // Another payment's approval is not ours.
    actor.send({ type: 'POS.APPROVED', paymentId: 'other', cardCents: 1000, cashDueCents: 1065 });
    expect(actor.getSnapshot().context.payment?.method).toBe('card');
    actor.send({ type: 'POS.APPROVED', paymentId: 'p1', cardCents: 1000, cashDueCents: 1065 });
    const p = actor.getSnapshot().context.payment!;
    expect(p).toMatchObject({ method: 'cash', cardPaidCents: 1000, cashDueCents: 1065, creditedCents: 0 });
    expect(leftToPay(p)).toBe(1065);
    actor.send({ type: 'CASH.CREDIT', paymentId: 'p1', valueCents: 1000, creditedCents: 1000, amountDueCents: 1065 });
    expect(leftToPay(actor.getSnapshot().context.payment!)).toBe(65);
    actor.send({ type: 'CASH.CREDIT', paymentId: 'p1', valueCents: 100, creditedCents: 1100, amountDueCents: 1065 });
    actor.send({ type: 'PAYMENT.COMMITTED', paymentId: 'p1', transactionId: 't1', paidCents: 2100, changeDueCents: 35 });
    await settle();
    expect(actor.getSnapshot().value).toBe('done');
  });

  it('a declined card part with nothing taken returns to the review with the reason', async () => {
    const { actor } = await atReview();
    actor.send({ type: 'PAY.SPLIT' });
    actor.send({ type: 'CARD_PART.SUBMIT', cents: 1000 });
    await settle();
    actor.send(declined(false));
    expect(actor.getSnapshot().value).toBe('reviewing');
    expect(actor.getSnapshot().context.payment).toBeNull();
    expect(actor.getSnapshot().context.error?.code).toBe('POS_DECLINED');
  });

  it('a declined second card after an approved part leaves the cash due for what the part left', async () => {
    const { actor } = await atReview();
    actor.send({ type: 'PAY.SPLIT' });
    actor.send({ type: 'CARD_PART.SUBMIT', cents: 1000 });
    await settle();
    actor.send({ type: 'POS.APPROVED', paymentId: 'p1', cardCents: 1000, cashDueCents: 1065 });
    actor.send({ type: 'PAY.REST_BY_CARD' });
    await settle();
    actor.send({ ...declined(true), outcome: 'failed', code: 'POS_UNREACHABLE' });
    const p = actor.getSnapshot().context.payment!;
    expect(p).toMatchObject({ method: 'cash', cashDueCents: 1065, cardPaidCents: 1000 });
    expect(paidSoFar(p)).toBe(1000);
    expect(leftToPay(p)).toBe(1065);
  });

  it('back from the card part returns to the review', async () => {
    const { actor } = await atReview();
    actor.send({ type: 'PAY.SPLIT' });
    actor.send({ type: 'NAV.BACK' });
    expect(actor.getSnapshot().value).toBe('reviewing');
  });

  it('a card-only payment passes no card part', async () => {
    const { actor, begun } = await atReview();
    actor.send({ type: 'PAY.SPLIT' });
    actor.send({ type: 'NAV.BACK' });
    actor.send({ type: 'PAY.CARD' });
    await settle();
    expect(actor.getSnapshot().value).toBe('paying');
    expect(begun.at(-1)).toEqual({ items: [{ kind: 'booking', bookingCode: '123456789092' }], taxCode: mario.taxCode, method: 'card' });
    expect(actor.getSnapshot().context.payment).toMatchObject({ method: 'card', cardCents: 2066 });
  });
});
