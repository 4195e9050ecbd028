/**
 * `cupk receipt render`: any layout, from a JSON data file, to the printer's bytes, the
 * on-screen SVG, a PNG or plain text, without a printer. Technicians use it to see a receipt
 * before a printer is fitted; the sample data for each layout is in assets/receipts/.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { CupError } from '@cup-kiosk/sync-service/domain';
import {
  LAYOUT_NAMES,
  layoutDocument,
  ReceiptDataInvalidError,
  renderEscPos,
  renderPng,
  renderSvg,
  renderText,
  type Lang,
} from '@cup-kiosk/terminal-drivers/printer';
import { requiredOption, stringOption, UsageError, type Command } from '../command.ts';
import { profileFrom } from './printer.ts';

const FORMATS = ['escpos', 'svg', 'png', 'text'] as const;
type Format = (typeof FORMATS)[number];
const LANGS: readonly Lang[] = ['it', 'en'];

/** The output file could not be written. */
export class ReceiptOutputError extends CupError {
  constructor(path: string, cause: string) {
    super('RECEIPT_OUT_UNWRITABLE', `cannot write ${path}: ${cause}`, { path });
  }
}

async function readData(file: string): Promise<unknown> {
  const text = await readFile(file, 'utf8').catch((e: unknown) => {
    throw new ReceiptDataInvalidError(`cannot read ${file}: ${e instanceof Error ? e.message : String(e)}`);
  });
  try {
    return JSON.parse(text);
  } catch {
    throw new ReceiptDataInvalidError(`${file} is not valid JSON`);
  }
}

export const receiptRender: Command = {
  path: ['receipt', 'render'],
  usage: 'cupk receipt render --layout NAME --data FILE --format escpos|svg|png|text --out FILE [--lang it|en] [--profile ID] [--json]',
  summary: `render a receipt without a printer; layouts: ${LAYOUT_NAMES.join(', ')}`,
  options: {
    layout: { type: 'string' },
    data: { type: 'string' },
    format: { type: 'string' },
    out: { type: 'string' },
    lang: { type: 'string' },
    profile: { type: 'string' },
  },
  async run(_p, values) {
    const layout = requiredOption(values, 'layout');
    const dataFile = requiredOption(values, 'data');
    const format = requiredOption(values, 'format') as Format;
    const out = requiredOption(values, 'out');
    if (!FORMATS.includes(format)) throw new UsageError(`--format takes one of ${FORMATS.join(', ')}`);
    const lang = (stringOption(values, 'lang') ?? 'it') as Lang;
    if (!LANGS.includes(lang)) throw new UsageError(`--lang takes one of ${LANGS.join(', ')}`);
    const profile = profileFrom(values);
    const doc = layoutDocument(layout, await readData(dataFile), { lang, profile });
    const bytes: Buffer | string =
      format === 'escpos' ? renderEscPos(doc, profile) : format === 'png' ? renderPng(doc, profile) : format === 'svg' ? renderSvg(doc, profile) : `${renderText(doc, profile)}\n`;
    await writeFile(out, bytes).catch((e: unknown) => {
      throw new ReceiptOutputError(out, e instanceof Error ? e.message : String(e));
    });
    return { layout, format, profile: profile.id, lang, out, bytes: Buffer.byteLength(bytes), elements: doc.elements.length };
  },
};
