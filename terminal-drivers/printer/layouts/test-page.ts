/**
 * Technician test page: every element the renderer knows, the code page's accents and `€`,
 * each style, both barcodes in both code sets and a QR, so one sheet shows what the printer
 * and its profile can do. Technician-facing, so Italian only.
 */
import { center, code128, code39, cut, feed, formatDateTime, formatEuro, qr, row, rule, text, title, type ReceiptDocument } from '../document.ts';
import type { PrinterProfile } from '../profiles.ts';

export interface TestPageData {
  terminalId: string;
  /** ISO date-time the page was printed. */
  printedAt: string;
  profile: PrinterProfile;
  softwareVersion?: string;
}

export function testPage(data: TestPageData): ReceiptDocument {
  const p = data.profile;
  const ruler = Array.from({ length: p.columns }, (_, i) => String((i + 1) % 10)).join('');
  return {
    elements: [
      title('PAGINA DI PROVA'),
      center(`Terminale ${data.terminalId}`),
      center(formatDateTime(data.printedAt)),
      rule('='),
      row('Profilo', p.id),
      row('Colonne', String(p.columns)),
      row('Velocità', `${p.baudRate} baud, ${p.flowControl}`),
      row('Code page', `${p.codePage} (ESC t ${p.codePageNumber})`),
      row('QR / barcode nativi', `${p.nativeQr ? 'sì' : 'no'} / ${p.nativeBarcodes ? 'sì' : 'no'}`),
      ...(data.softwareVersion ? [row('Versione', data.softwareVersion)] : []),
      rule(),
      text(ruler),
      text('Normale: àèéìòù ÀÈÉÌÒÙ € £ ç ñ'),
      text('Grassetto', { bold: true }),
      text('Doppia altezza', { doubleHeight: true }),
      text('Doppia larg.', { doubleWidth: true }),
      text('Doppia', { doubleWidth: true, doubleHeight: true, bold: true }),
      text('Allineato a destra', { align: 'right' }),
      center('Centrato'),
      row('Importo', formatEuro(3228)),
      row('Un\'etichetta lunga che va a capo prima dell\'importo allineato', formatEuro(123456)),
      rule(),
      center('Code 128 (set C)'),
      code128('123456789012'),
      center('Code 128 (set B)'),
      code128('CUP-Kiosk{1}'),
      center('Code 39'),
      code39('CUP 2025'),
      feed(1),
      center('QR'),
      qr('https://cup.example.it/verifica/TEST'),
      feed(2),
      cut(),
    ],
  };
}
