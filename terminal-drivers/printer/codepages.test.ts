import { describe, expect, it } from 'vitest';
import { decodeText, encodeText } from './codepages.ts';

describe('characters a page lacks', () => {
  it('prints typographic dashes, quotes and spaces as their plain twins, and accented letters as their base', () => {
    expect(decodeText(encodeText('Padiglione – Ambulatori', 'pc858'), 'pc858')).toBe('Padiglione - Ambulatori');
    expect(decodeText(encodeText('D’Annunzio “A”', 'pc858'), 'pc858')).toBe(`D'Annunzio "A"`);
    expect(decodeText(encodeText('Ștefănescu', 'pc858'), 'pc858')).toBe('Stefanescu');
    // Windows-1252 has the en dash: it stays.
    expect(decodeText(encodeText('–', 'wpc1252'), 'wpc1252')).toBe('–');
    expect(decodeText(encodeText('漢', 'pc858'), 'pc858')).toBe('?');
  });
});
