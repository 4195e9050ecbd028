/**
 * `cupk printer …` and `cupk receipt render` run through the real `main()`, against the printer
 * simulator on a pty pair, with stdout and stderr captured: the command line's contract (one
 * JSON object, exit 0 / 1 with a stable error code / 2) tested end to end.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cupk } from '../cli-harness.ts';
import { openPtyPair, type PtyPair } from '../../../terminal-drivers/serial/index.ts';
import { PrinterSimulator, type DecodedReceipt } from '../../../terminal-drivers/sim/printer/index.ts';

const ASSETS = join(import.meta.dirname, '../../../assets/receipts');
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);



/** A writable that keeps what it is given; `main` only calls `write` on it. */


describe('cupk printer, against the simulator on a pty', () => {
  let pair: PtyPair | null = null;
  let sim: PrinterSimulator | null = null;

  async function start(): Promise<{ port: string; sim: PrinterSimulator }> {
    pair = await openPtyPair('cli-printer');
    sim = await PrinterSimulator.open(pair.devicePath, { paperLines: 25, nearEndLines: 30 });
    return { port: pair.hostPath, sim };
  }

  afterEach(async () => {
    await sim?.close();
    await pair?.close();
    sim = pair = null;
  });

  it('answers printer status as one JSON object', async () => {
    const { port } = await start();
    const r = await cupk('printer', 'status', '--port', port, '--baud', '115200', '--json');
    expect(r.code).toBe(0);
    expect(r.json).toEqual({
      ready: true,
      online: true,
      paper: 'near-end',
      coverOpen: false,
      cutterError: false,
      unrecoverableError: false,
      autoRecoverableError: false,
    });
  });

  it('reports a fault in the status, still exit 0: the printer answered', async () => {
    const { port, sim } = await start();
    sim.setCoverOpen(true);
    const r = await cupk('printer', 'status', '--port', port, '--json');
    expect(r.code).toBe(0);
    expect(r.json).toMatchObject({ ready: false, online: false, coverOpen: true });
  });

  it('exits 1 with PRINTER_NO_RESPONSE when the printer is silent for a second', async () => {
    const { port, sim } = await start();
    sim.setAnswering(false);
    const started = Date.now();
    const r = await cupk('printer', 'status', '--port', port, '--json');
    expect(Date.now() - started).toBeGreaterThanOrEqual(990);
    expect(r.code).toBe(1);
    expect(r.json).toMatchObject({ error: { code: 'PRINTER_NO_RESPONSE' } });
  });

  it('exits 1 with PRINTER_BAD_STATUS when a reply breaks the fixed bits', async () => {
    const { port, sim } = await start();
    sim.replyWith(0xff);
    const r = await cupk('printer', 'status', '--port', port, '--json');
    expect(r.code).toBe(1);
    expect(r.json).toMatchObject({ error: { code: 'PRINTER_BAD_STATUS' } });
  });

  it('prints the test page, which the simulator decodes', async () => {
    const { port, sim } = await start();
    sim.loadPaper();
    const decoded = new Promise<DecodedReceipt>((resolve) => sim.once('receipt', resolve));
    const r = await cupk('printer', 'test', '--port', port, '--terminal', 'K-TEST', '--json');
    expect(r.code).toBe(0);
    expect(r.json).toMatchObject({ printed: true, profile: 'epson-tm-t88', status: { ready: true } });
    const receipt = await decoded;
    expect(receipt.text).toContain('PAGINA DI PROVA');
    expect(receipt.text).toContain('Terminale K-TEST');
    expect(receipt.text).toContain('àèéìòù ÀÈÉÌÒÙ €');
  });

  it('refuses to print the test page with the cover open: exit 1, the fault code', async () => {
    const { port, sim } = await start();
    sim.setCoverOpen(true);
    const r = await cupk('printer', 'test', '--port', port, '--json');
    expect(r.code).toBe(1);
    expect(r.json).toMatchObject({ error: { code: 'PRINTER_COVER_OPEN' } });
  });

  it('exits 1 with PRINTER_PORT_UNAVAILABLE for a port that is not there', async () => {
    const r = await cupk('printer', 'status', '--port', '/dev/cupk-no-such-port', '--json');
    expect(r.code).toBe(1);
    expect(r.json).toMatchObject({ error: { code: 'PRINTER_PORT_UNAVAILABLE' } });
  });

  it('exits 2 on wrong usage: no port, an odd baud rate, an unknown profile', async () => {
    expect((await cupk('printer', 'status', '--json')).code).toBe(2);
    expect((await cupk('printer', 'status', '--port', '/dev/null', '--baud', '12345', '--json')).json).toMatchObject({ error: { code: 'USAGE' } });
    expect((await cupk('printer', 'test', '--port', '/dev/null', '--profile', 'nope')).code).toBe(2);
  });
});

describe('cupk receipt render', () => {
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'cupk-receipt-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const render = (layout: string, format: string, ...more: string[]) =>
    cupk('receipt', 'render', '--layout', layout, '--data', join(ASSETS, `${layout}.json`), '--format', format, '--out', join(dir, `${layout}.${format}`), ...more, '--json');

  it('renders text that contains the payer codice fiscale', async () => {
    const r = await render('payment-receipt', 'text');
    expect(r.code).toBe(0);
    expect(r.json).toMatchObject({ layout: 'payment-receipt', format: 'text', profile: 'epson-tm-t88' });
    const text = readFileSync(join(dir, 'payment-receipt.text'), 'utf8');
    expect(text).toContain('RSSMRA80A01H501U');
    expect(text).toContain('TOTALE 32,28 €');
  });

  it('renders a PNG that starts with the PNG signature', async () => {
    const r = await render('booking-slip', 'png');
    expect(r.code).toBe(0);
    expect(readFileSync(join(dir, 'booking-slip.png')).subarray(0, 8)).toEqual(PNG_SIGNATURE);
  });

  it('renders an SVG document', async () => {
    expect((await render('voucher', 'svg', '--lang', 'en')).code).toBe(0);
    const svg = readFileSync(join(dir, 'voucher.svg'), 'utf8');
    expect(svg).toMatch(/^<svg[^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    expect(svg).toContain('CREDIT VOUCHER');
  });

  it('renders ESC/POS bytes: initialise, code page, a cut at the end', async () => {
    const r = await render('daily-close', 'escpos', '--profile', 'custom-vkp80');
    expect(r.code).toBe(0);
    const bytes = readFileSync(join(dir, 'daily-close.escpos'));
    expect(r.json.bytes).toBe(bytes.length);
    expect([...bytes.subarray(0, 5)]).toEqual([0x1b, 0x40, 0x1b, 0x74, 16]);
    expect([...bytes.subarray(-4)]).toEqual([0x1d, 0x56, 0x41, 0x03]);
  });

  it('renders every layout from its sample data in every format', async () => {
    for (const layout of ['cash-empty', 'hopper-refill', 'test-page'])
      for (const format of ['escpos', 'svg', 'png', 'text']) expect((await render(layout, format)).code, `${layout} ${format}`).toBe(0);
  });

  it('exits 1 with RECEIPT_DATA_INVALID for an unknown layout or data that does not fit', async () => {
    const unknown = await cupk('receipt', 'render', '--layout', 'menu', '--data', join(ASSETS, 'voucher.json'), '--format', 'text', '--out', join(dir, 'x'), '--json');
    expect(unknown.code).toBe(1);
    expect(unknown.json).toMatchObject({ error: { code: 'RECEIPT_DATA_INVALID' } });
    const misfit = await cupk('receipt', 'render', '--layout', 'voucher', '--data', join(ASSETS, 'daily-close.json'), '--format', 'text', '--out', join(dir, 'x'), '--json');
    expect(misfit.code).toBe(1);
    expect(misfit.json).toMatchObject({ error: { code: 'RECEIPT_DATA_INVALID' } });
    expect(String((misfit.json.error as { message: string }).message)).toContain('$.voucherCode');
  });

  it('exits 2 for an unknown format or a missing option', async () => {
    expect((await render('voucher', 'pdf')).code).toBe(2);
    expect((await cupk('receipt', 'render', '--layout', 'voucher', '--json')).code).toBe(2);
  });
});
