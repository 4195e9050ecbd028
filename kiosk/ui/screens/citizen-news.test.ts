import { TemplateResultType, isTemplateResult } from 'lit/directive-helpers.js';
import { describe, expect, it } from 'vitest';
import type { CitizenNews as News, ConflictNotice } from '../../bridge/campaign-api.ts';
import { EMPTY } from '../../machines/session-machine.ts';
import { LANGUAGE_CODES } from '../i18n/languages.ts';
import type { Language } from '../i18n/translate.ts';
import { CitizenNews } from './citizen-news.ts';

// No DOM: Lit's Node build runs the element on its server shim; a template is read as its
// static strings with the bound values put back in place.
function markup(value: unknown): string {
  if (Array.isArray(value)) return value.map(markup).join('');
  if (isTemplateResult(value, TemplateResultType.HTML)) return value.strings.reduce((out, s, i) => out + s + (i < value.values.length ? markup(value.values[i]) : ''), '');
  if (typeof value === 'function' || value === null || value === undefined) return '';
  return String(value);
}

function shown(news: News | null, language: Language = 'it'): string {
  const el = new CitizenNews();
  el.context = { ...EMPTY, news };
  el.language = language;
  return markup(el.render());
}

const conflict = (over: Partial<ConflictNotice>): ConflictNotice => ({ key: 'k1', kind: 'booking', reason: 'SLOT_TAKEN', bookingCode: '200000000113', what: 'Prima visita cardiologica', startsAt: '2026-12-14T09:30', paidCents: null, at: '2026-12-01T09:00:00.000Z', ...over });
const invitation = { invitationId: 'SCR-CCR-X', campaignName: 'Screening del tumore del colon-retto', kind: 'screening' as const, serviceDescription: 'Consegna del kit', validTo: '2027-03-01' };

describe('what the menu tells an identified citizen', () => {
  it('tells each conflict in words of its own reason', () => {
    expect(shown({ invitations: [], conflicts: [conflict({})] })).toContain('La prenotazione di Prima visita cardiologica del lunedì 14 dicembre 2026, 09:30 non è stata confermata');
    const paid = shown({ invitations: [], conflicts: [conflict({ kind: 'payment', reason: 'NOTICE_ALREADY_PAID', paidCents: 2455, what: null, startsAt: null })] });
    expect(paid).toContain('Il pagamento di 24,55');
    expect(paid).toContain('le sarà rimborsata');
    expect(shown({ invitations: [], conflicts: [conflict({ reason: 'PAYLOAD_INVALID' })] })).toContain('non è stata accettata dal CUP');
  });

  it('offers each invitation to book, leave for now or decline, free of charge', () => {
    const text = shown({ invitations: [invitation], conflicts: [] });
    expect(text).toContain('Invito: Screening del tumore del colon-retto');
    expect(text).toContain('È gratuito. Si può prenotare fino al 1 marzo 2027.');
    for (const action of ['book-invitation', 'later', 'decline']) expect(text).toContain(`data-action="${action}"`);
  });

  it('shows nothing when there is nothing to tell, or nothing was heard', () => {
    expect(shown(null)).toBe('');
    expect(shown({ invitations: [], conflicts: [] })).toBe('');
  });

  it.each(LANGUAGE_CODES.filter((l) => l !== 'it'))('speaks %s', (lang) => {
    const text = shown({ invitations: [invitation], conflicts: [conflict({})] }, lang);
    expect(text).not.toContain('non è stata confermata');
    expect(text).not.toContain('Invito:');
  });
});
