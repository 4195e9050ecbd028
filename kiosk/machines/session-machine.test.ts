import { describe, expect, it } from 'vitest';
import { fromPromise } from 'xstate';
import type { ReceiptPrinted } from '../bridge/terminal-api.ts';
import { EMPTY } from './session-machine.ts';
import { toSessionEvent } from './session-events.ts';
import { mario, settle, start } from './session-fakes.ts';

describe('citizen session', () => {
  it('walks the whole cash payment path and forgets the citizen at the end', async () => {
    const { actor, clock, calls } = start();
    actor.send({ type: 'SESSION.START' });
    expect(actor.getSnapshot().value).toBe('waitingCard');
    actor.send({ type: 'CARD.INSERTED', citizen: mario });
    expect(actor.getSnapshot().value).toBe('menu');
    expect(actor.getSnapshot().context.citizen?.name).toBe('MARIO');
    actor.send({ type: 'MENU.PAY_BOOKING' });
    actor.send({ type: 'CODE.SUBMIT', code: '123456789092' });
    await settle();
    expect(actor.getSnapshot().value).toBe('reviewing');
    actor.send({ type: 'PAY.CASH' });
    await settle();
    expect(actor.getSnapshot().value).toBe('paying');
    expect(calls).toContain('begin:123456789092:RSSMRA85T10A562S');
    expect(actor.getSnapshot().context.payment).toMatchObject({ method: 'cash', amountDueCents: 2066, cashDueCents: 2065, creditedCents: 0 });
    actor.send({ type: 'CASH.CREDIT', paymentId: 'p1', valueCents: 200, creditedCents: 200, amountDueCents: 2066 });
    expect(actor.getSnapshot().context.payment?.creditedCents).toBe(200);
    // A credit for another payment is not ours.
    actor.send({ type: 'CASH.CREDIT', paymentId: 'other', valueCents: 500, creditedCents: 500, amountDueCents: 2066 });
    expect(actor.getSnapshot().context.payment?.creditedCents).toBe(200);
    actor.send({ type: 'PAYMENT.COMMITTED', paymentId: 'p1', transactionId: 't1', paidCents: 2100, changeDueCents: 35 });
    await settle();
    expect(actor.getSnapshot().value).toBe('done');
    expect(actor.getSnapshot().context.receipt?.text).toBe('RICEVUTA');
    clock.increment(10_000);
    expect(actor.getSnapshot().value).toBe('idle');
    expect(actor.getSnapshot().context).toEqual(EMPTY);
  });

  it('keeps the citizen on the code screen with a typed error for an unknown booking', async () => {
    const { actor } = start();
    actor.send({ type: 'CARD.INSERTED', citizen: mario });
    actor.send({ type: 'MENU.PAY_BOOKING' });
    actor.send({ type: 'CODE.SUBMIT', code: '070000000143' });
    await settle();
    expect(actor.getSnapshot().value).toBe('enteringCode');
    expect(actor.getSnapshot().context.error?.code).toBe('BOOKING_NOT_FOUND');
  });

  it('ends an idle session after the inactivity delay, but never while paying', async () => {
    const { actor, clock } = start();
    actor.send({ type: 'CARD.INSERTED', citizen: mario });
    clock.increment(89_000);
    expect(actor.getSnapshot().value).toBe('menu');
    clock.increment(1_000);
    expect(actor.getSnapshot().value).toBe('idle');

    actor.send({ type: 'CARD.INSERTED', citizen: mario });
    actor.send({ type: 'MENU.PAY_BOOKING' });
    actor.send({ type: 'CODE.SUBMIT', code: '123456789092' });
    await settle();
    actor.send({ type: 'PAY.CASH' });
    await settle();
    clock.increment(600_000);
    actor.send({ type: 'CARD.REMOVED' });
    expect(actor.getSnapshot().value).toBe('paying');
  });

  it('removing the card ends the session before payment', () => {
    const { actor } = start();
    actor.send({ type: 'CARD.INSERTED', citizen: mario });
    actor.send({ type: 'CARD.REMOVED' });
    expect(actor.getSnapshot().value).toBe('idle');
    expect(actor.getSnapshot().context.citizen).toBeNull();
  });

  it('reports a receipt that could not print, with the payment kept', async () => {
    const { actor } = start({
      printReceipt: fromPromise<ReceiptPrinted, { transactionId: string }>(async () => {
        throw { code: 'PRINTER_PAPER_OUT', message: 'paper out' };
      }),
    });
    actor.send({ type: 'CARD.INSERTED', citizen: mario });
    actor.send({ type: 'MENU.PAY_BOOKING' });
    actor.send({ type: 'CODE.SUBMIT', code: '123456789092' });
    await settle();
    actor.send({ type: 'PAY.CASH' });
    await settle();
    actor.send({ type: 'PAYMENT.COMMITTED', paymentId: 'p1', transactionId: 't1', paidCents: 2066, changeDueCents: 0 });
    await settle();
    expect(actor.getSnapshot().value).toBe('printFailed');
    expect(actor.getSnapshot().context.completed?.transactionId).toBe('t1');
    expect(actor.getSnapshot().context.error?.code).toBe('PRINTER_PAPER_OUT');
  });

  it('a card error shows its own screen', () => {
    const { actor } = start();
    actor.send({ type: 'SESSION.START' });
    actor.send({ type: 'CARD.ERROR', code: 'CARD_EXPIRED', message: 'expired' });
    expect(actor.getSnapshot().value).toBe('cardError');
    expect(actor.getSnapshot().context.error?.code).toBe('CARD_EXPIRED');
  });
});

describe('scans', () => {
  it('the card barcode identifies, a booking code goes straight to the booking, other codes to their screen', async () => {
    const { actor } = start();
    actor.send({ type: 'SCAN.READ', text: 'RSSMRA85T10A562S', classified: { kind: 'taxCode', taxCode: 'RSSMRA85T10A562S', sex: 'M', birthDate: '1985-12-10', birthplaceCode: 'A562', omocode: false } });
    expect(actor.getSnapshot().value).toBe('menu');
    expect(actor.getSnapshot().context.citizen).toMatchObject({ taxCode: 'RSSMRA85T10A562S', name: '' });
    actor.send({ type: 'SCAN.READ', text: '123456789092', classified: { kind: 'booking', booking: '123456789092' } });
    await settle();
    expect(actor.getSnapshot().value).toBe('reviewing');
    expect(actor.getSnapshot().context.booking?.bookingCode).toBe('123456789092');
  });

  it('a prescription shown before the card is explained, and back returns to the start', () => {
    const { actor } = start();
    actor.send({ type: 'SCAN.READ', text: '070A12345678901', classified: { kind: 'nre', nre: '070A12345678901', region: '070' } });
    expect(actor.getSnapshot().value).toBe('codeRead');
    expect(actor.getSnapshot().context.scanned).toMatchObject({ kind: 'nre' });
    actor.send({ type: 'NAV.BACK' });
    expect(actor.getSnapshot().value).toBe('idle');
    // Identified, the memo is booked instead (session-booking.test.ts).
    actor.send({ type: 'CARD.INSERTED', citizen: mario });
    actor.send({ type: 'SCAN.READ', text: '070A12345678901', classified: { kind: 'nre', nre: '070A12345678901', region: '070' } });
    expect(actor.getSnapshot().value).toBe('findingSlots');
  });

  it('a garbled scan is said on the screen where it happened', () => {
    const { actor } = start();
    actor.send({ type: 'SCAN.READ', text: '123456789093', classified: { kind: 'unknown', reason: 'booking code failed BOOKING_CODE_CHECK' } });
    expect(actor.getSnapshot().value).toBe('idle');
    expect(actor.getSnapshot().context.error?.code).toBe('SCAN_NOT_RECOGNISED');
    actor.send({ type: 'CARD.INSERTED', citizen: mario });
    actor.send({ type: 'MENU.PAY_BOOKING' });
    actor.send({ type: 'SCAN.READ', text: '070A12345678901', classified: { kind: 'nre', nre: '070A12345678901', region: '070' } });
    expect(actor.getSnapshot().value).toBe('enteringCode');
    expect(actor.getSnapshot().context.error?.code).toBe('SCAN_NOT_RECOGNISED');
  });
});

describe('toSessionEvent', () => {
  it('maps host events and ignores status events', () => {
    expect(toSessionEvent({ type: 'card.removed' })).toEqual({ type: 'CARD.REMOVED' });
    expect(toSessionEvent({ type: 'sync.status', status: { backlog: 0, lastAckAt: null, online: true } })).toBeNull();
    expect(toSessionEvent({ type: 'pos.approved', paymentId: 'p1', cardCents: 1000, cashDueCents: 1065 })).toEqual({
      type: 'POS.APPROVED',
      paymentId: 'p1',
      cardCents: 1000,
      cashDueCents: 1065,
    });
    expect(toSessionEvent({ type: 'pos.declined', paymentId: 'p1', outcome: 'timeout', code: 'POS_TIMEOUT', message: 'x', paymentOpen: true })).toEqual({
      type: 'POS.DECLINED',
      paymentId: 'p1',
      outcome: 'timeout',
      code: 'POS_TIMEOUT',
      message: 'x',
      paymentOpen: true,
    });
  });
});
