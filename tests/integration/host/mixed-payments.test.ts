import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TerminalEvent } from '../../../kiosk/bridge/terminal-api.ts';
import { startKioskRig, until, type KioskRig } from './kiosk-rig.ts';

// One amount paid part in cash and part by card, in either order, on the simulated devices over
// their real transports: a declined card leaves the citizen more cash, another card or their
// money back, and whatever happens the card is charged once or not at all.

const MARIO = { kind: 'booking' as const, bookingCode: '123456789092' }; // 32,28 €
const TAX_CODE = 'RSSMRA85T10A562S';

let rig: KioskRig;

beforeEach(async () => {
  rig = await startKioskRig();
});

afterEach(async () => {
  await rig.close();
});

const paymentItem = async () => (await rig.tdb.outbox.pending(500)).find((i) => i.kind === 'payment');
const parts = (paymentId: string) => rig.tdb.payments.cardParts(paymentId);
type Committed = Extract<TerminalEvent, { type: 'payment.committed' }>;

describe('cash, then a card for the rest', () => {
  it('the card pays the exact rest: no rounding, one charge, both parts on the receipt', async () => {
    const { paymentId, amountDueCents, cashDueCents } = await rig.host.beginPayment({ items: [MARIO], taxCode: TAX_CODE, method: 'cash' });
    expect([amountDueCents, cashDueCents]).toEqual([3228, 3230]);
    await rig.insertCoins(200, 200, 100);
    const from = rig.events.length;
    expect(await rig.host.payRestByCard(paymentId)).toEqual({ cardCents: 2728 });
    // While the card runs, the acceptor takes nothing.
    expect(rig.cash.insertCoin(100)).toBe('returned');
    const committed = await rig.waitFor('payment.committed', from);
    expect(committed).toMatchObject({ paymentId, paidCents: 3228, changeDueCents: 0 });
    expect((await paymentItem())!.payload).toMatchObject({
      method: 'mixed',
      amountCents: 3228,
      cardCents: 2728,
      paidCents: 3228,
      changeCents: 0,
      cashRoundingCents: 0,
      bookingCode: '123456789092',
      items: [{ bookingCode: '123456789092', amountCents: 3228 }],
    });
    const [part] = await parts(paymentId);
    expect(part).toMatchObject({ part_id: `${paymentId}:1`, amount_cents: 2728, status: 'approved' });
    expect(rig.pos.charges(part!.part_id)).toBe(1);

    const receipt = await rig.host.printReceipt(committed.transactionId);
    expect(receipt.text).toMatch(/Pagato con carta +27,28 €/);
    expect(receipt.text).toMatch(/Pagato in contanti +5,00 €/);
    expect(receipt.text).toContain('Carta e contanti');
    expect(receipt.text).not.toContain('Arrotondamento');
    // What the printer itself decoded from the bytes it was sent.
    await until(() => rig.printer.receipts.length === 1, 'the receipt at the printer');
    expect(rig.printer.receipts[0]!.text).toMatch(/\*{6}\d{4} AUT\. \d{6} +27,28 €/);
  });

  it('a coin still on its way when the card is asked for is credited first, and the card pays what it leaves', async () => {
    const { paymentId } = await rig.host.beginPayment({ items: [MARIO], taxCode: TAX_CODE, method: 'cash' });
    await rig.insertCoins(200);
    // Taken by the acceptor, not yet polled by the host.
    expect(rig.cash.insertCoin(100)).toBe('accepted');
    expect(await rig.host.payRestByCard(paymentId)).toEqual({ cardCents: 2928 });
    expect(await rig.tdb.payments.creditedTo(paymentId)).toBe(300);
    expect(await rig.waitFor('payment.committed')).toMatchObject({ paidCents: 3228, changeDueCents: 0 });
  });

  it('a declined card leaves the payment open, and more cash pays it (rounded, as all cash)', async () => {
    const { paymentId } = await rig.host.beginPayment({ items: [MARIO], taxCode: TAX_CODE, method: 'cash' });
    await rig.insertCoins(200, 200);
    rig.pos.next('decline');
    const from = rig.events.length;
    await rig.host.payRestByCard(paymentId);
    expect(await rig.waitFor('pos.declined', from)).toMatchObject({ paymentId, outcome: 'declined', paymentOpen: true });
    expect((await rig.tdb.payments.payment(paymentId))?.status).toBe('open');
    // Cash is taken again for the rest: 28,30 €.
    await rig.insertCoins(...Array(14).fill(200), 20, 10);
    const committed = await rig.waitFor('payment.committed', from);
    expect(committed).toMatchObject({ paidCents: 3230, changeDueCents: 0 });
    expect((await paymentItem())!.payload).toMatchObject({ method: 'cash', cardCents: 0, paidCents: 3230, cashRoundingCents: 2 });
    expect((await parts(paymentId)).map((p) => p.status)).toEqual(['declined']);
    expect(rig.pos.charges()).toBe(0);
  });

  it('after a decline another card pays the rest; only the second is charged', async () => {
    const { paymentId } = await rig.host.beginPayment({ items: [MARIO], taxCode: TAX_CODE, method: 'cash' });
    await rig.insertCoins(200);
    rig.pos.next('decline');
    let from = rig.events.length;
    await rig.host.payRestByCard(paymentId);
    await rig.waitFor('pos.declined', from);
    from = rig.events.length;
    expect(await rig.host.payRestByCard(paymentId)).toEqual({ cardCents: 3028 });
    await rig.waitFor('payment.committed', from);
    const [first, second] = await parts(paymentId);
    expect([first!.status, second!.status]).toEqual(['declined', 'approved']);
    expect([rig.pos.charges(first!.part_id), rig.pos.charges(second!.part_id)]).toEqual([0, 1]);
    expect((await paymentItem())!.payload).toMatchObject({ method: 'mixed', cardCents: 3028, paidCents: 3228 });
  });

  it('after a decline the citizen takes the cash back, on a voucher for what the hoppers cannot pay', async () => {
    const { paymentId } = await rig.host.beginPayment({ items: [MARIO], taxCode: TAX_CODE, method: 'cash' });
    await rig.insertCoins(200, 100, 50);
    rig.pos.next('decline');
    const from = rig.events.length;
    await rig.host.payRestByCard(paymentId);
    await rig.waitFor('pos.declined', from);
    // The hoppers have run dry, but for the 50 c one: what it cannot pay is owed on paper.
    for (const device of ['hopper:3', 'hopper:4', 'hopper:6', 'hopper:7']) rig.cash.fault({ fault: 'hopper-empty', device });
    rig.cash.fault({ fault: 'hopper-jam', device: 'hopper:5', after: 1 });
    expect(await rig.host.cancelPayment(paymentId)).toEqual({ refundedCents: 50, voucherCents: 300, cardReversedCents: 0 });
    expect((await rig.tdb.payments.payment(paymentId))?.status).toBe('cancelled');
    expect((await rig.tdb.ledger.levels()).vouchersIssuedCents).toBe(300);
    await until(() => rig.printer.receipts.length === 1, 'the voucher');
    expect(rig.printer.receipts[0]!.text).toContain('3,00 €');
    expect((await rig.tdb.outbox.pending(500)).filter((i) => i.kind === 'payment')).toEqual([]);
  });
});

describe('a card part first, then cash', () => {
  it('cash pays the rest rounded to 5 cents', async () => {
    const from = rig.events.length;
    const started = await rig.host.beginPayment({ items: [MARIO], taxCode: TAX_CODE, method: 'card', cardCents: 2000 });
    expect(started).toMatchObject({ amountDueCents: 3228, cardCents: 2000, cashDueCents: 0 });
    // 12,28 € left, 12,30 € in cash.
    expect(await rig.waitFor('pos.approved', from)).toEqual({ type: 'pos.approved', paymentId: started.paymentId, cardCents: 2000, cashDueCents: 1230 });
    await rig.insertCoins(200, 200, 200, 200, 200, 200, 50);
    expect(await rig.waitFor('payment.committed', from)).toMatchObject({ paidCents: 3250, changeDueCents: 20 });
    expect((await paymentItem())!.payload).toMatchObject({ method: 'mixed', cardCents: 2000, paidCents: 3250, changeCents: 20, cashRoundingCents: 2, amountCents: 3228 });
    const committed = rig.events.find((e): e is Committed => e.type === 'payment.committed')!;
    const receipt = await rig.host.printReceipt(committed.transactionId);
    expect(receipt).toMatchObject({ changePaidCents: 20, voucherCents: 0 });
    expect(receipt.text).toMatch(/Parte in contanti +12,30 €/);
    expect(receipt.text).toMatch(/Arrotondamento contanti +\+0,02 €/);
    expect(receipt.text).toMatch(/Resto erogato +0,20 €/);
  });

  it('a declined first part ends the payment: nothing was taken', async () => {
    rig.pos.next('decline');
    const { paymentId } = await rig.host.beginPayment({ items: [MARIO], taxCode: TAX_CODE, method: 'card', cardCents: 2000 });
    expect(await rig.waitFor('pos.declined')).toMatchObject({ paymentId, paymentOpen: false });
    expect((await rig.tdb.payments.payment(paymentId))?.status).toBe('cancelled');
    expect(rig.cash.insertCoin(200)).toBe('returned');
  });

  it('cancelling after the card part was approved reverses it on the POS and gives the cash back', async () => {
    const { paymentId } = await rig.host.beginPayment({ items: [MARIO], taxCode: TAX_CODE, method: 'card', cardCents: 2000 });
    await rig.waitFor('pos.approved');
    await rig.insertCoins(200);
    expect(await rig.host.cancelPayment(paymentId)).toEqual({ refundedCents: 200, voucherCents: 0, cardReversedCents: 2000 });
    const [part] = await parts(paymentId);
    expect(part).toMatchObject({ status: 'reversed', reversal_pending: 0 });
    expect(rig.pos.charges()).toBe(0);
    expect(rig.pos.journal.all()[0]!.reversal).toBeDefined();
    expect((await rig.tdb.outbox.pending(500)).filter((i) => i.kind === 'payment')).toEqual([]);
  });

  it('a reversal the POS does not answer stays pending and is done at the next start', async () => {
    const { paymentId } = await rig.host.beginPayment({ items: [MARIO], taxCode: TAX_CODE, method: 'card', cardCents: 2000 });
    await rig.waitFor('pos.approved');
    await rig.pos.goOffline();
    expect(await rig.host.cancelPayment(paymentId)).toEqual({ refundedCents: 0, voucherCents: 0, cardReversedCents: 0 });
    expect((await parts(paymentId))[0]).toMatchObject({ status: 'approved', reversal_pending: 1 });
    expect(rig.pos.charges()).toBe(1);
    await rig.pos.goOnline();
    await rig.restart();
    expect((await parts(paymentId))[0]).toMatchObject({ status: 'reversed', reversal_pending: 0 });
    expect(rig.pos.charges()).toBe(0);
  });
});

describe('a card part whose answer was lost', () => {
  it('is asked for at the next start: approved, the payment of cash and card commits and its receipt prints', async () => {
    const { paymentId } = await rig.host.beginPayment({ items: [MARIO], taxCode: TAX_CODE, method: 'cash' });
    await rig.insertCoins(200, 200, 200, 200, 200);
    rig.posLine = 'dies-after-send';
    expect(await rig.host.payRestByCard(paymentId)).toEqual({ cardCents: 2228 });
    await until(() => rig.pos.charges(`${paymentId}:1`) === 1, 'the POS to approve');
    expect((await parts(paymentId))[0]!.status).toBe('open');

    await rig.restart();
    expect(await rig.tdb.payments.payment(paymentId)).toMatchObject({ status: 'committed', method: 'mixed', paid_cents: 3228 });
    expect((await paymentItem())!.payload).toMatchObject({ method: 'mixed', cardCents: 2228, paidCents: 3228, cashRoundingCents: 0 });
    await until(() => rig.printer.receipts.length === 1, 'the receipt');
    expect(rig.printer.receipts[0]!.text).toContain('Carta e contanti');
    expect(rig.pos.charges()).toBe(1);
  });

  it('one the POS cannot tell about yet keeps the cash; the next card asks about it first, and charges nothing twice', async () => {
    const { paymentId } = await rig.host.beginPayment({ items: [MARIO], taxCode: TAX_CODE, method: 'cash' });
    await rig.insertCoins(200);
    rig.pos.next('lost');
    rig.posStatusDown = true;
    await rig.host.payRestByCard(paymentId);
    expect(await rig.waitFor('pos.declined')).toMatchObject({ outcome: 'failed', code: 'POS_UNREACHABLE', paymentOpen: true });
    expect((await parts(paymentId))[0]!.status).toBe('unknown');
    // The card may have been charged: no cash is taken meanwhile, and no second card.
    expect(rig.cash.insertCoin(100)).toBe('returned');
    await expect(rig.host.payRestByCard(paymentId)).rejects.toMatchObject({ code: 'POS_UNREACHABLE' });
    rig.posStatusDown = false;
    // The POS answers now: the lost part was approved, and it paid the rest.
    expect(await rig.host.payRestByCard(paymentId)).toEqual({ cardCents: 0 });
    expect(await rig.waitFor('payment.committed')).toMatchObject({ paymentId, paidCents: 3228 });
    expect((await parts(paymentId)).map((p) => p.status)).toEqual(['approved']);
    expect(rig.pos.charges()).toBe(1);
  });

  it('a part the POS never received is not taken at the next start, and the cash comes back as a voucher', async () => {
    const { paymentId } = await rig.host.beginPayment({ items: [MARIO], taxCode: TAX_CODE, method: 'cash' });
    await rig.insertCoins(200);
    rig.posLine = 'never-sent';
    await rig.host.payRestByCard(paymentId);
    await rig.restart();
    expect((await rig.tdb.payments.payment(paymentId))?.status).toBe('cancelled');
    expect((await parts(paymentId))[0]!.status).toBe('declined');
    expect((await rig.tdb.ledger.levels()).vouchersIssuedCents).toBe(200);
    expect(rig.pos.charges()).toBe(0);
  });
});

describe('several items in one payment', () => {
  it('pays two bookings at once: one total, each listed on the receipt, the payload items sum to it', async () => {
    const items = [MARIO, { kind: 'booking' as const, bookingCode: '070000000143' }];
    const booking2 = await rig.host.findBooking('070000000143');
    const { paymentId, amountDueCents } = await rig.host.beginPayment({ items, taxCode: TAX_CODE, method: 'card' });
    expect(amountDueCents).toBe(3228 + booking2.amountDueCents);
    const committed = await rig.waitFor('payment.committed');
    const payload = (await paymentItem())!.payload as { items: { bookingCode: string; amountCents: number }[]; amountCents: number; bookingCode: string };
    expect(payload.items).toEqual([
      { bookingCode: '123456789092', amountCents: 3228 },
      { bookingCode: '070000000143', amountCents: booking2.amountDueCents },
    ]);
    expect(payload.items.reduce((s, i) => s + i.amountCents, 0)).toBe(payload.amountCents);
    expect(payload.bookingCode).toBe('123456789092');
    const receipt = await rig.host.printReceipt(committed.transactionId);
    expect(receipt.text).toContain('Prenotazione 123456789092');
    expect(receipt.text).toContain('Prenotazione 070000000143');
    expect(receipt.text).toContain('Ecografia addome completo');
    // Both bookings are paid here now.
    expect((await rig.host.findBooking('070000000143')).status).toBe('paid');
    await expect(rig.host.beginPayment({ items: [MARIO], taxCode: TAX_CODE, method: 'cash' })).rejects.toMatchObject({ code: 'BOOKING_NOT_PAYABLE' });
    expect(rig.pos.charges(`${paymentId}:1`)).toBe(1);
  });

  it('refuses an item twice, and more than ten', async () => {
    await expect(rig.host.beginPayment({ items: [MARIO, MARIO], taxCode: TAX_CODE, method: 'cash' })).rejects.toMatchObject({ code: 'PAYMENT_ITEMS_DUPLICATE' });
    await expect(rig.host.beginPayment({ items: Array(11).fill(MARIO), taxCode: TAX_CODE, method: 'cash' })).rejects.toMatchObject({ code: 'PAYMENT_INPUT_INVALID' });
    await expect(rig.host.beginPayment({ items: [], taxCode: TAX_CODE, method: 'cash' })).rejects.toMatchObject({ code: 'PAYMENT_INPUT_INVALID' });
    expect(await rig.tdb.payments.openPaymentRow()).toBeUndefined();
  });
});
