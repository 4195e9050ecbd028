import PDFDocument from 'pdfkit';
import { matrix as qrMatrix } from 'qr-image';
import { formatBookingCode } from '../domain/booking-code.ts';
import { pagopaQr } from '../domain/codes/pagopa-qr.ts';
import { formatEuro } from '../domain/money.ts';
import { italianDate } from '../domain/notices.ts';
import type { Notice } from '../protocol/index.ts';

/**
 * The printable pagoPA notice (avviso di pagamento), A4, in Italian: who is owed, who owes, what
 * for, how much and by when, the notice code in groups and the QR code any pagoPA channel scans.
 */

export interface NoticePdfOptions {
  /** Deflate the page streams; default true. Tests turn it off to read the text back. */
  compress?: boolean;
}

// Points (1/72 inch). A4 is 595.28 x 841.89.
const MARGIN = 50;
const WIDTH = 595.28 - 2 * MARGIN;
const MM = 72 / 25.4;
/** The printed QR, quiet zone excluded: well above the 2.5 cm PagoPA asks for, so phones read it off paper. */
const QR_SIDE = 40 * MM;
/**
 * White around the symbol: 4 modules (ISO/IEC 18004) of the largest module there can be, that
 * of a version 1 symbol (21 modules across).
 */
const QUIET = (QR_SIDE / 21) * 4;
const INK = '#17324d';
const RULE = '#0066cc';

/** `302000000000000184` → `3020 0000 0000 0001 84`, as the notice prints it. */
export function groupNoticeCode(code: string): string {
  return code.replace(/^(\d{4})(\d{4})(\d{4})(\d{4})(\d{2})$/, '$1 $2 $3 $4 $5');
}

/** The notice as a PDF document. @throws NoticeError BAD_NOTICE when the notice cannot make a valid QR. */
export function renderNoticePdf(notice: Notice, options: NoticePdfOptions = {}): Promise<Buffer> {
  const qrText = pagopaQr(notice);
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    compress: options.compress ?? true,
    info: { Title: `Avviso di pagamento ${notice.noticeCode}`, Subject: notice.subject, Author: notice.creditorName, Keywords: `pagoPA ${notice.noticeCode}` },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  doc.fillColor(INK).font('Helvetica-Bold').fontSize(22).text('AVVISO DI PAGAMENTO', MARGIN, MARGIN);
  doc.moveDown(0.3).font('Helvetica').fontSize(12).text(notice.subject, { width: WIDTH });
  rule(doc);

  section(doc, 'ENTE CREDITORE');
  doc.font('Helvetica-Bold').fontSize(13).text(notice.creditorName, { width: WIDTH });
  doc.font('Helvetica').fontSize(10).text(`Codice fiscale ${notice.creditorFiscalCode}`);
  section(doc, 'DESTINATARIO AVVISO');
  doc.font('Helvetica-Bold').fontSize(13).text(`Codice fiscale ${notice.taxCode}`);
  doc.font('Helvetica').fontSize(10).text(`Prenotazione ${formatBookingCode(notice.bookingCode)}`);
  rule(doc);

  section(doc, 'QUANTO E QUANDO PAGARE?');
  doc.font('Helvetica-Bold').fontSize(24).text(formatEuro(notice.amountCents));
  doc.font('Helvetica').fontSize(13).text(`entro il ${italianDate(notice.dueDate)}`);
  doc.moveDown(0.3).fontSize(10).text('Se hai già pagato questo ticket, non tenere conto di questo avviso.', { width: WIDTH });
  rule(doc);

  section(doc, 'DOVE PAGARE?');
  doc.font('Helvetica').fontSize(10).text('Alle casse automatiche e ai chioschi CUP, in farmacia e agli sportelli CUP, o su tutti i canali pagoPA (banche, uffici postali, app IO): inquadra il codice QR o indica il codice avviso.', { width: WIDTH });
  rule(doc);

  // The payment slip: the QR on the left, the data a cashier types on the right.
  const top = doc.y + 8;
  const quiet = QUIET;
  drawQr(doc, qrText, MARGIN + quiet, top + quiet);
  const x = MARGIN + QR_SIDE + 2 * quiet;
  const w = WIDTH - (x - MARGIN);
  doc.fillColor(INK).font('Helvetica').fontSize(9).text('Codice avviso', x, top + quiet, { width: w });
  doc.font('Helvetica-Bold').fontSize(16).text(groupNoticeCode(notice.noticeCode), { width: w });
  doc.moveDown(0.4).font('Helvetica').fontSize(9).text('Cod. Fiscale Ente Creditore', { width: w });
  doc.font('Helvetica-Bold').fontSize(12).text(notice.creditorFiscalCode, { width: w });
  doc.moveDown(0.4).font('Helvetica').fontSize(9).text('Importo', { width: w });
  doc.font('Helvetica-Bold').fontSize(12).text(formatEuro(notice.amountCents), { width: w });
  doc.end();
  return done;
}

function section(doc: PDFKit.PDFDocument, title: string): void {
  doc.moveDown(0.6).fillColor(RULE).font('Helvetica-Bold').fontSize(9).text(title, MARGIN, doc.y, { characterSpacing: 0.5 }).fillColor(INK).moveDown(0.2);
}

function rule(doc: PDFKit.PDFDocument): void {
  const y = doc.y + 10;
  doc.moveTo(MARGIN, y).lineTo(MARGIN + WIDTH, y).lineWidth(0.7).strokeColor(RULE).stroke();
  doc.y = y + 4;
}

/** Black modules as filled squares, one path, on the white page (which is the quiet zone). */
function drawQr(doc: PDFKit.PDFDocument, text: string, left: number, top: number): void {
  const modules = qrMatrix(text, 'M') as (0 | 1)[][];
  const size = QR_SIDE / modules.length;
  modules.forEach((row, y) => row.forEach((dark, x) => dark && doc.rect(left + x * size, top + y * size, size, size)));
  doc.fillColor('black').fill();
  doc.y = top + QR_SIDE;
}
