import { TemplateResultType, isTemplateResult } from 'lit/directive-helpers.js';
import { describe, expect, it } from 'vitest';
import { EMPTY, type SessionContext } from '../../machines/session-machine.ts';
import { heldSlot, prescription, search, slots } from '../../machines/session-booking-fakes.ts';
import { LANGUAGE_CODES } from '../i18n/languages.ts';
import type { Language } from '../i18n/translate.ts';
import { ScreenBooked } from './screen-booked.ts';
import { ScreenHold } from './screen-hold.ts';
import { HoldCountdown } from '../components/hold-countdown.ts';
import { ScreenPhoneEntry } from './screen-phone-entry.ts';
import { ScreenPrescriptions } from './screen-prescriptions.ts';
import { ScreenSlots } from './screen-slots.ts';
import { ScreenWaitingListJoined } from './screen-waiting-list-joined.ts';

// No DOM here: Lit's Node build runs the elements on its server shim, and a template is read as
// its static strings with the bound values put back in place.
function markup(value: unknown): string {
  if (Array.isArray(value)) return value.map(markup).join('');
  if (isTemplateResult(value, TemplateResultType.HTML)) return value.strings.reduce((out, s, i) => out + s + (i < value.values.length ? markup(value.values[i]) : ''), '');
  if (typeof value === 'function' || value === null || value === undefined) return '';
  return String(value);
}

type Screen = { context: SessionContext; language: Language; render(): unknown };
function shown<S extends Screen>(el: S, context: Partial<SessionContext>, language: Language = 'it', props: Partial<S> = {}): string {
  el.context = { ...EMPTY, ...context };
  el.language = language;
  Object.assign(el, props);
  return markup(el.render());
}

const held = heldSlot('s1');
const confirmed = { booking: held.booking, slip: { text: 'PROMEMORIA 0700 0000 1234', svg: '<svg/>' } };

describe('booking screens', () => {
  it('list the prescriptions with their priority in words, and say when there is none', () => {
    const list = shown(new ScreenPrescriptions(), { prescriptions: [prescription] });
    expect(list).toContain('Visita cardiologica');
    expect(list).toContain('Breve: entro 10 giorni');
    expect(list).toContain('Prescritta da Dott.ssa Anna Verdi, 1 dicembre 2026');
    expect(list).toContain(`data-nre=${prescription.nre}`);
    expect(shown(new ScreenPrescriptions(), { prescriptions: [] })).toContain('Non risulta nessuna ricetta');
  });

  it('show the slots with weekday, provider, place and a worded intramoenia mark, and the deadline in words', () => {
    const it = shown(new ScreenSlots(), { slotSearch: search });
    expect(it).toContain('lunedì 7 dicembre 2026, 08:30');
    expect(it).toContain('Poliambulatorio Struppa — Via Struppa 150, Genova');
    expect(it).toContain('entro venerdì 11 dicembre');
    expect(it.match(/data-testid="intramoenia"/g)).toHaveLength(1);
    expect(shown(new ScreenSlots(), { slotSearch: search }, 'de')).toContain('Montag, 7. Dezember 2026');
    const none = shown(new ScreenSlots(), { slotSearch: { ...search, slots: [] } });
    expect(none).toContain('data-action="waiting-list"');
    expect(none).toContain('Non c’è nessun orario libero');
  });

  it('say in words, in every language, that slots from the terminal snapshot make a provisional booking', () => {
    expect(shown(new ScreenSlots(), { slotSearch: search })).not.toContain('data-testid="provisional"');
    const offline = shown(new ScreenSlots(), { slotSearch: { ...search, provisional: true } });
    expect(offline).toMatch(/data-testid="provisional"><strong>Il CUP non risponde[^<]*provvisoria/);
    const texts = new Set(LANGUAGE_CODES.map((l) => /data-testid="provisional"><strong>([^<]+)</.exec(shown(new ScreenSlots(), { slotSearch: { ...search, provisional: true } }, l))?.[1]));
    expect(texts.size).toBe(LANGUAGE_CODES.length);
    expect(shown(new ScreenBooked(), { confirmed: { ...confirmed, provisional: true } })).toContain('Prenotazione provvisoria');
    expect(shown(new ScreenBooked(), { confirmed })).toContain('Prenotazione confermata');
  });

  it('show the hold with its countdown, quote and the ways to confirm', () => {
    const it = shown(new ScreenHold(), { hold: held, slot: slots[0]! });
    expect(it).toContain(held.heldUntil);
    // The countdown is its own element, drawn from the hold's end.
    expect(markup(Object.assign(new HoldCountdown(), { heldUntil: held.heldUntil }).render())).toMatch(/data-testid="countdown">(09:5\d|10:00)</);
    expect(it).toContain('20,66');
    expect(it).toContain('data-action="confirm-later"');
    const intramoenia = shown(new ScreenHold(), { hold: { ...held, payAtAppointmentAllowed: false }, slot: slots[1]! });
    expect(intramoenia).not.toContain('data-action="confirm-later"');
    expect(intramoenia).toContain('Libera professione');
  });

  it('show the booking made with its slip, and paying now only when chosen', () => {
    const now = shown(new ScreenBooked(), { confirmed, payAt: 'now' });
    expect(now).toContain('0700 0000 1234');
    expect(now).toContain('data-testid="slip"');
    expect(now).toContain('data-action="pay-now"');
    const later = shown(new ScreenBooked(), { confirmed: { ...confirmed, slip: null }, payAt: 'appointment' });
    expect(later).not.toContain('data-action="pay-now"');
    expect(later).toContain('Annoti il codice 0700 0000 1234');
  });

  it('render in every language without a missing text', () => {
    for (const lang of LANGUAGE_CODES) {
      const all = [
        shown(new ScreenPrescriptions(), { prescriptions: [prescription] }, lang),
        shown(new ScreenSlots(), { slotSearch: search }, lang),
        shown(new ScreenHold(), { hold: held, slot: slots[1]! }, lang),
        shown(new ScreenBooked(), { confirmed, payAt: 'now' }, lang),
        shown(new ScreenPhoneEntry(), { error: { code: 'PHONE_INVALID', message: '' } }, lang),
        shown(new ScreenWaitingListJoined(), { callbackPhone: '+393331234567' }, lang),
      ].join('');
      // An untranslated key would show as the key itself.
      expect(all, lang).not.toMatch(/\b(rx|slots|hold|booked|phone|joined)\.[a-zA-Z]/);
      expect(all, lang).toContain('+393331234567');
    }
  });
});
