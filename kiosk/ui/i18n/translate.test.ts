import { afterEach, describe, expect, it } from 'vitest';
import type { Language } from './languages.ts';
import type { MessageKey, Messages } from './messages.ts';
import { catalog, errorKey, lookup, paymentErrorKey, translate, translateError } from './translate.ts';

const FSI = '\u2068';
const PDI = '\u2069';

/** Removes `key` from `lang`'s table for one test, to see the Italian fallback at work. */
const removed: [Messages, MessageKey, string | undefined][] = [];
function withoutKey(lang: Language, key: MessageKey) {
  const table = catalog[lang] as Messages;
  removed.push([table, key, table[key]]);
  delete table[key];
}
afterEach(() => {
  for (const [table, key, text] of removed.splice(0)) table[key] = text;
});

describe('translate', () => {
  it('fills parameters', () => {
    expect(translate('it', 'menu.greeting', { name: 'Maria' })).toBe('Buongiorno, Maria');
    expect(translate('de', 'done.receipt', { id: 'T-42' })).toBe('Bitte nehmen Sie Ihre Quittung. Vorgang T-42.');
    expect(translate('zh', 'booking.title', { code: '1234 5678 9092' })).toBe('预约 1234 5678 9092');
  });

  it('leaves a placeholder with no value visible rather than blank', () => {
    expect(translate('en', 'menu.greeting')).toBe('Hello, {name}');
  });

  it('isolates values inside right-to-left text, and only there', () => {
    expect(translate('ar', 'cancelled.refunded', { amount: '2,50 €' })).toBe(`يُرجى أخذ القطع النقدية المُعادة: ${FSI}2,50 €${PDI}.`);
    expect(translate('fr', 'done.receipt', { id: 'X' })).not.toContain(FSI);
  });

  it('falls back to Italian for a key the language lacks', () => {
    withoutKey('de', 'done.finish');
    expect(translate('de', 'done.finish')).toBe('Fine');
    expect(lookup('de', 'done.finish')).toEqual({ template: 'Fine', language: 'it' });
    expect(lookup('de', 'code.back')).toEqual({ template: 'Zurück', language: 'de' });
  });

  it('fills Italian fallback text without right-to-left isolates', () => {
    withoutKey('ar', 'menu.greeting');
    expect(translate('ar', 'menu.greeting', { name: 'Ahmed' })).toBe('Buongiorno, Ahmed');
  });

  it('falls back to Italian for a language code it does not know', () => {
    expect(translate('xx' as Language, 'idle.start')).toBe('Inizia');
  });
});

describe('translateError', () => {
  it('uses the text for the code', () => {
    expect(translateError('en', 'card.error', 'CARD_EXPIRED')).toBe('Your health card has expired. Please go to the counter.');
    expect(translateError('es', 'code.error', 'BOOKING_CODE_FORMAT')).toBe('El código tiene 12 dígitos.');
  });

  it('uses the prefix’s "other" text for a code it has no text for', () => {
    expect(translateError('en', 'booking.error', 'SOMETHING_NEW')).toBe(translate('en', 'booking.error.other'));
    expect(errorKey('card.error', 'constructor')).toBe('card.error.other');
    expect(errorKey('code.error', 'CENTRAL_UNREACHABLE')).toBe('code.error.CENTRAL_UNREACHABLE');
  });
});

describe('paymentErrorKey', () => {
  it('gives a notice’s refusals their own words and the rest the booking screen’s', () => {
    expect(paymentErrorKey('NOTICE_LOCKED')).toBe('notice.error.NOTICE_LOCKED');
    expect(paymentErrorKey('NOTICE_PAID')).toBe('notice.error.NOTICE_PAID');
    expect(paymentErrorKey('PRINTER_NOT_READY')).toBe('booking.error.PRINTER_NOT_READY');
    expect(paymentErrorKey('POS_DECLINED')).toBe('booking.error.POS_DECLINED');
    expect(paymentErrorKey('NOTICE_SOMETHING_NEW')).toBe('booking.error.other');
  });

  it('reads every POS failure the cardholder did not cause as the terminal failing', () => {
    expect(paymentErrorKey('POS_BUSY')).toBe('booking.error.POS_FAILED');
    expect(paymentErrorKey('POS_UNREACHABLE')).toBe('booking.error.POS_FAILED');
    expect(paymentErrorKey('POS_TIMEOUT')).toBe('booking.error.POS_TIMEOUT');
  });

  it('a notice code screen falls back to its own words for an error it does not name', () => {
    expect(translateError('en', 'notice.error', 'CENTRAL_ERROR')).toBe(translate('en', 'notice.error.other'));
  });
});
