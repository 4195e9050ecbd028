import { describe, expect, it } from 'vitest';
import type { Messages } from './messages.ts';
import { speechFor, speechForError, speechForLanguage, spoken } from './speech.ts';
import { catalog } from './translate.ts';

describe('speechFor', () => {
  it('gives the text as shown and the voice for the language', () => {
    expect(speechFor('it', 'idle.welcome')).toEqual({ text: 'Benvenuto', lang: 'it-IT' });
    expect(speechFor('de', 'menu.greeting', { name: 'Anna' })).toEqual({ text: 'Guten Tag, Anna', lang: 'de-DE' });
    expect(speechFor('zh', 'idle.start')).toEqual({ text: '开始', lang: 'zh-CN' });
  });

  it('leaves out the bidi isolates of Arabic text', () => {
    expect(speechFor('ar', 'booking.title', { code: '1234' })).toEqual({ text: 'الحجز 1234', lang: 'ar' });
  });

  it('turns no-break spaces into plain ones', () => {
    expect(speechFor('fr', 'menu.question')).toEqual({ text: 'Que souhaitez-vous faire ?', lang: 'fr-FR' });
  });

  it('reads an Italian fallback with an Italian voice', () => {
    const table = catalog.ro as Messages;
    const saved = table['paying.cancel'];
    delete table['paying.cancel'];
    try {
      expect(speechFor('ro', 'paying.cancel')).toEqual({ text: 'Annulla', lang: 'it-IT' });
    } finally {
      table['paying.cancel'] = saved;
    }
  });

  it('speaks typed errors with the same fallback as the screen', () => {
    expect(speechForError('uk', 'card.error', 'CARD_MUTE')).toEqual({ text: 'Картка не відповідає. Вийміть її та вставте знову.', lang: 'uk-UA' });
    expect(speechForError('en', 'code.error', 'NEW_CODE')).toEqual({ text: 'We could not look up the booking.', lang: 'en-GB' });
  });

  it('says a language’s name in that language', () => {
    expect(speechForLanguage('ar')).toEqual({ text: 'العربية', lang: 'ar' });
    expect(speechForLanguage('sq')).toEqual({ text: 'Shqip', lang: 'sq-AL' });
  });

  it('cleans layout characters only', () => {
    expect(spoken(' a\u00a0b\u202f\u2068c\u2069 ')).toBe('a b c');
  });
});
