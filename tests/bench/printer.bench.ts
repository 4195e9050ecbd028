import { transform } from 'receiptline';
import { openPtyPair } from '../../terminal-drivers/serial/index.ts';
import {
  bookingSlip,
  EPSON_TM_T88,
  openSerialPrinter,
  renderEscPos,
  SAMPLE_BOOKING,
  type DocElement,
  type PrinterProfile,
  type ReceiptDocument,
} from '../../terminal-drivers/printer/index.ts';
import { PrinterSimulator } from '../../terminal-drivers/sim/printer/index.ts';
import { atMost, percentile, type Report } from './report.ts';

/** Bits per byte on an 8N1 line: start, eight data, stop. */
const BITS_PER_BYTE = 10;
const STATUS_SAMPLES = 100;
const PRINT_RUNS = 3;

// receiptline marks styles and structure with these characters; in text they are escaped.
const escapeText = (s: string): string => s.replace(/[\\|{}~_"`^\-=]/g, (c) => `\\${c}`);
const escapeValue = (s: string): string => s.replace(/[\\|{}:;]/g, (c) => `\\${c}`);

/**
 * The same receipt as a receiptline document, element by element, so both encoders print the
 * same content: text with its style and alignment, label|value rows, rules, feeds, Code 128 and
 * QR with our module sizes, and the cut.
 */
export function toReceiptline(doc: ReceiptDocument): string {
  const line = (el: DocElement): string[] => {
    switch (el.kind) {
      case 'text': {
        const s = el.style ?? {};
        const scale = s.doubleWidth && s.doubleHeight ? '^^^' : s.doubleHeight ? '^^' : s.doubleWidth ? '^' : '';
        const body = `${s.bold ? '"' : ''}${scale}${escapeText(el.text)}`;
        // receiptline centres a lone column; a pipe on one side pulls it to that side.
        return [s.align === 'center' ? body : s.align === 'right' ? `| ${body}` : `${body} |`];
      }
      case 'row': {
        const b = el.bold ? '"' : '';
        return [`${b}${escapeText(el.label)} | ${b}${escapeText(el.value)}`];
      }
      case 'rule':
        return ['-'];
      case 'feed':
        return Array.from({ length: el.lines }, () => '');
      case 'barcode':
        return [`{code:${escapeValue(el.data)}; option:${el.symbology},2,${el.height ?? 80},${el.hri === false ? 'nohri' : 'hri'}}`];
      case 'qr':
        return [`{code:${escapeValue(el.data)}; option:qrcode,${el.moduleSize ?? 6},${(el.errorCorrection ?? 'M').toLowerCase()}}`];
      case 'logo':
        return [];
      case 'cut':
        return ['='];
    }
  };
  return doc.elements.flatMap(line).join('\n');
}

/** receiptline's Epson ESC/POS bytes for our document. */
function receiptlineBytes(doc: ReceiptDocument): number {
  const out = transform(toReceiptline(doc), { cpl: EPSON_TM_T88.columns, encoding: 'cp858', command: 'epson', cutting: false });
  return Buffer.from(out, 'latin1').length;
}

/**
 * Prints `doc` over a fresh pty to a simulator paced at `baud`; ms per job, median of runs.
 * `checkEvery` is the driver's: 1 asks the status after every element (the kiosk's setting),
 * Infinity only before the job and after the cut.
 */
async function timePrint(doc: ReceiptDocument, baud: number, checkEvery: number): Promise<number> {
  const profile: PrinterProfile = { ...EPSON_TM_T88, baudRate: baud };
  const pair = await openPtyPair('bench-printer');
  const sim = await PrinterSimulator.open(pair.devicePath, { profile, paceBaud: baud });
  const printer = await openSerialPrinter(pair.hostPath, profile, { checkEvery });
  try {
    const runs: number[] = [];
    for (let i = 0; i < PRINT_RUNS; i++) {
      const received = new Promise((resolve) => sim.once('receipt', resolve));
      const t = performance.now();
      await printer.print(doc);
      await received;
      runs.push(performance.now() - t);
    }
    return percentile(runs, 50);
  } finally {
    await printer.close();
    await sim.close();
    await pair.close();
  }
}

/** Status round trips (DLE EOT 1-4, four bytes each way) to a simulator paced at `baud`. */
async function statusRoundTrips(baud: number): Promise<number[]> {
  const profile: PrinterProfile = { ...EPSON_TM_T88, baudRate: baud };
  const pair = await openPtyPair('bench-status');
  const sim = await PrinterSimulator.open(pair.devicePath, { profile, paceBaud: baud });
  const printer = await openSerialPrinter(pair.hostPath, profile);
  try {
    await printer.status(); // the first request pays for the line settling; not a sample
    const sample: number[] = [];
    for (let i = 0; i < STATUS_SAMPLES; i++) {
      const t = performance.now();
      await printer.status();
      sample.push(performance.now() - t);
    }
    return sample;
  } finally {
    await printer.close();
    await sim.close();
    await pair.close();
  }
}

/** The booking slip with its QR and Code 128: bytes on the wire, print time, status latency. */
export default async function (report: Report): Promise<void> {
  const doc = bookingSlip(SAMPLE_BOOKING);
  // receiptline 4 sends every QR as a raster image (GS 8 L) while we send GS ( k, so the
  // slip without its QR is compared too: that isolates the text, style and barcode encoding.
  const noQr: ReceiptDocument = { elements: doc.elements.filter((e) => e.kind !== 'qr') };
  const ours = renderEscPos(doc, EPSON_TM_T88).length;
  for (const [what, d] of [['booking slip with QR', doc], ['booking slip without QR', noQr]] as const) {
    const mine = renderEscPos(d, EPSON_TM_T88).length;
    const theirs = receiptlineBytes(d);
    const ratio = mine / Math.min(mine, theirs);
    report({ name: `${what}: bytes, ours`, value: mine, unit: 'B' });
    report({ name: `${what}: bytes, receiptline (epson) for the same content`, value: theirs, unit: 'B' });
    report({ name: `${what}: ours ÷ the smaller of the two`, value: Number(ratio.toFixed(3)), unit: '×', ...atMost(ratio, 1.1, '×') });
  }

  for (const baud of [115_200, 9_600]) {
    const wire = (ours * BITS_PER_BYTE * 1000) / baud;
    report({ name: `print at ${baud} baud: the bytes alone on the wire`, value: wire, unit: 'ms' });
    report({ name: `print at ${baud} baud: status after every element`, value: await timePrint(doc, baud, 1), unit: 'ms' });
    report({ name: `print at ${baud} baud: status before and after the cut only`, value: await timePrint(doc, baud, Infinity), unit: 'ms' });
  }

  const rtt = await statusRoundTrips(115_200);
  report({ name: `status round trip at 115200 baud, p50 (${STATUS_SAMPLES} requests)`, value: percentile(rtt, 50), unit: 'ms' });
  report({ name: `status round trip at 115200 baud, p99 (${STATUS_SAMPLES} requests)`, value: percentile(rtt, 99), unit: 'ms', ...atMost(percentile(rtt, 99), 100, 'ms') });
}
