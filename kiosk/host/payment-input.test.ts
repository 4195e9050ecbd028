import { describe, expect, it } from 'vitest';
import { checkPaymentInput } from './payment-input.ts';

const MARIO = { kind: 'booking', bookingCode: '1234 5678 9092' };
const NOTICE = { kind: 'notice', noticeCode: '3010 0000 0000 0042 85' };

describe('beginPayment input', () => {
  it('normalises each code and the tax code', () => {
    expect(checkPaymentInput({ items: [MARIO, NOTICE], taxCode: ' rssmra85t10a562s ', method: 'card', cardCents: 2000 })).toEqual({
      items: [
        { kind: 'booking', bookingCode: '123456789092' },
        { kind: 'notice', noticeCode: '301000000000004285' },
      ],
      taxCode: 'RSSMRA85T10A562S',
      method: 'card',
      cardCents: 2000,
    });
  });

  it('refuses a malformed message with a typed error', () => {
    for (const bad of [null, 'pay', {}, { items: [MARIO], taxCode: 'X', method: 'cheque' }, { items: [{ kind: 'gift' }], taxCode: 'X', method: 'cash' }, { bookingCode: '123456789092', taxCode: 'X', method: 'cash' }]) {
      expect(() => checkPaymentInput(bad)).toThrow(expect.objectContaining({ code: 'PAYMENT_INPUT_INVALID' }));
    }
    expect(() => checkPaymentInput({ items: [MARIO], taxCode: 'X', method: 'card', cardCents: 12.5 })).toThrow(expect.objectContaining({ code: 'PAYMENT_INPUT_INVALID' }));
  });

  it('takes one to ten items, each once', () => {
    expect(() => checkPaymentInput({ items: [], taxCode: 'X', method: 'cash' })).toThrow(expect.objectContaining({ code: 'PAYMENT_INPUT_INVALID' }));
    expect(() => checkPaymentInput({ items: Array(11).fill(MARIO), taxCode: 'X', method: 'cash' })).toThrow(expect.objectContaining({ code: 'PAYMENT_INPUT_INVALID' }));
    expect(() => checkPaymentInput({ items: [MARIO, { kind: 'booking', bookingCode: '123456789092' }], taxCode: 'X', method: 'cash' })).toThrow(
      expect.objectContaining({ code: 'PAYMENT_ITEMS_DUPLICATE' }),
    );
  });

  it('checks the codes before anything is asked', () => {
    expect(() => checkPaymentInput({ items: [{ kind: 'booking', bookingCode: '123456789093' }], taxCode: 'X', method: 'cash' })).toThrow(expect.objectContaining({ code: 'BOOKING_CODE_CHECK' }));
    expect(() => checkPaymentInput({ items: [{ kind: 'notice', noticeCode: '301000000000004286' }], taxCode: 'X', method: 'cash' })).toThrow(expect.objectContaining({ code: 'BAD_NOTICE' }));
  });

  it('asks a card part only of a card payment', () => {
    expect(() => checkPaymentInput({ items: [MARIO], taxCode: 'X', method: 'cash', cardCents: 100 })).toThrow(expect.objectContaining({ code: 'CARD_AMOUNT_INVALID' }));
  });
});
