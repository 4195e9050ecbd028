/**
 * Single-byte code pages a receipt printer can be switched to with `ESC t n`. Bytes 00-7F are
 * ASCII in both; each table below lists bytes 80-FF in order. We keep our own tables (rather
 * than an encoding library) because the renderer and the simulator must agree byte for byte,
 * and the tests check them against iconv-lite's through @node-escpos/core.
 */

export type CodePageName = 'pc858' | 'wpc1252';

/**
 * PC858 is PC850 with `€` at D5 where PC850 had the dotless `ı`. Italian: à 85, è 8A, é 82,
 * ì 8D, ò 95, ù 97, À B7, È D4, É 90, Ì DE, Ò E3, Ù EB.
 */
const PC858_HIGH =
  'ÇüéâäàåçêëèïîìÄÅ' +
  'ÉæÆôöòûùÿÖÜø£Ø×ƒ' +
  'áíóúñÑªº¿®¬½¼¡«»' +
  '░▒▓│┤ÁÂÀ©╣║╗╝¢¥┐' +
  '└┴┬├─┼ãÃ╚╔╩╦╠═╬¤' +
  'ðÐÊËÈ€ÍÎÏ┘┌█▄¦Ì▀' +
  'ÓßÔÒõÕµþÞÚÛÙýÝ¯´' +
  '\u00ad±‗¾¶§÷¸°¨·¹³²■\u00a0';

/**
 * Windows-1252: Latin-1 with printable characters in 80-9F, `€` at 80. The five holes
 * (81 8D 8F 90 9D) are written as U+FFFD so they never match a character.
 */
const WPC1252_HIGH =
  '€\ufffd‚ƒ„…†‡ˆ‰Š‹Œ\ufffdŽ\ufffd' +
  '\ufffd‘’“”•–—˜™š›œ\ufffdžŸ' +
  Array.from({ length: 0x60 }, (_, i) => String.fromCharCode(0xa0 + i)).join('');

const HIGH: Record<CodePageName, string> = { pc858: PC858_HIGH, wpc1252: WPC1252_HIGH };

/** The byte a printer prints for anything its code page lacks. */
export const UNMAPPABLE = 0x3f; // '?'

const encoders = new Map<CodePageName, Map<string, number>>();

function encoderFor(page: CodePageName): Map<string, number> {
  let map = encoders.get(page);
  if (!map) {
    map = new Map();
    const high = HIGH[page];
    for (let i = 0; i < 0x80; i++) {
      const ch = high[i];
      if (ch !== undefined && ch !== '\ufffd') map.set(ch, 0x80 + i);
    }
    encoders.set(page, map);
  }
  return map;
}

/**
 * Text to printer bytes. Control characters and anything the page cannot show become `?`,
 * so a stray character can never turn into an ESC/POS command.
 */
/**
 * What to print for a character the page lacks, before giving up with `?`: typography that
 * addresses and names carry (dashes, curly quotes, no-break spaces) has a plain ASCII twin.
 */
const PLAIN: Readonly<Record<string, string>> = {
  '\u2013': '-', // – en dash
  '\u2014': '-', // — em dash
  '\u2018': "'", // ‘
  '\u2019': "'", // ’ (apostrophe in D’Annunzio)
  '\u201c': '"', // “
  '\u201d': '"', // ”
  '\u00a0': ' ', // no-break space (Intl puts one before €)
  '\u202f': ' ', // narrow no-break space
  '\u2026': '.', // … (one dot keeps column widths)
};

function encodeChar(ch: string, map: ReadonlyMap<string, number>): number {
  const c = ch.codePointAt(0) ?? UNMAPPABLE;
  if (c >= 0x20 && c < 0x7f) return c;
  const direct = map.get(ch);
  if (direct !== undefined) return direct;
  const plain = PLAIN[ch];
  if (plain !== undefined) return plain.charCodeAt(0);
  // A letter with a diacritic the page lacks (Romanian ș, Polish ł stays ?) prints as its base letter.
  const base = ch.normalize('NFD').charAt(0);
  const b = base.codePointAt(0) ?? UNMAPPABLE;
  return base !== ch && b >= 0x20 && b < 0x7f ? b : (map.get(base) ?? UNMAPPABLE);
}

export function encodeText(s: string, page: CodePageName): Buffer {
  const map = encoderFor(page);
  const out: number[] = [];
  for (const ch of s.normalize('NFC')) out.push(encodeChar(ch, map));
  return Buffer.from(out);
}

/** Printer bytes back to text (the simulator's side). Bytes below 0x20 are not text here. */
export function decodeText(bytes: Uint8Array, page: CodePageName): string {
  const high = HIGH[page];
  let s = '';
  for (const b of bytes) s += b < 0x80 ? String.fromCharCode(b) : (high[b - 0x80] ?? '?');
  return s;
}

/** The 128 characters of a page's upper half, for tests and the technician test page. */
export function upperHalf(page: CodePageName): string {
  return HIGH[page];
}
