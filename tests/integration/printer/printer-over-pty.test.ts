/**
 * The driver against the simulator over a real pty pair (socat): the driver cannot tell the
 * simulator from hardware, so this is the driver's contract tested end to end.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { openPtyPair, type PtyPair } from '../../../terminal-drivers/serial/index.ts';
import {
  EPSON_TM_T88,
  GENERIC_58,
  openSerialPrinter,
  paymentReceipt,
  renderText,
  SAMPLE_PAYMENT,
  testPage,
  PrintJobFailedError,
  type PrinterProfile,
  type SerialEscPosPrinter,
} from '../../../terminal-drivers/printer/index.ts';
import { PrinterSimulator, type DecodedReceipt, type PrinterSimulatorOptions } from '../../../terminal-drivers/sim/printer/index.ts';

interface Rig {
  pair: PtyPair;
  sim: PrinterSimulator;
  printer: SerialEscPosPrinter;
}

let rig: Rig | null = null;

async function setup(options: PrinterSimulatorOptions = {}, profile: PrinterProfile = EPSON_TM_T88): Promise<Rig> {
  const pair = await openPtyPair('printer');
  const sim = await PrinterSimulator.open(pair.devicePath, { profile, ...options });
  const printer = await openSerialPrinter(pair.hostPath, profile);
  rig = { pair, sim, printer };
  return rig;
}

afterEach(async () => {
  if (!rig) return;
  await rig.printer.close();
  await rig.sim.close();
  await rig.pair.close();
  rig = null;
});

const nextReceipt = (sim: PrinterSimulator): Promise<DecodedReceipt> => new Promise((resolve) => sim.once('receipt', resolve));

describe('ESC/POS printer over a pty', () => {
  it('prints a payment receipt the simulator decodes to the same text', async () => {
    const { sim, printer } = await setup();
    const doc = paymentReceipt(SAMPLE_PAYMENT);
    const decoded = nextReceipt(sim);
    const result = await printer.print(doc);
    const receipt = await decoded;
    expect(receipt.text).toContain('RSSMRA80A01H501U');
    expect(receipt.text).toContain('TOTALE 32,28 €');
    expect(receipt.text).toContain('TX-20250312-000042');
    expect(receipt.text).toBe(renderText(doc, EPSON_TM_T88));
    expect(receipt.document.elements.some((e) => e.kind === 'qr' && e.data === SAMPLE_PAYMENT.verifyUrl)).toBe(true);
    expect(result.statusAfter.ready).toBe(true);
    expect(result.elements).toBe(doc.elements.length);
  });

  it('prints the test page on a 58 mm profile with raster QR and barcodes', async () => {
    const { sim, printer } = await setup({}, GENERIC_58);
    const decoded = nextReceipt(sim);
    await printer.print(testPage({ terminalId: 'K1', printedAt: '2025-03-12T09:42:00Z', profile: GENERIC_58 }));
    const receipt = await decoded;
    expect(receipt.text).toContain('Normale: àèéìòù ÀÈÉÌÒÙ €');
    expect(receipt.document.elements.filter((e) => e.kind === 'logo').length).toBe(4);
  });

  it('reads the status round trip, faults included', async () => {
    const { sim, printer } = await setup({ paperLines: 20, nearEndLines: 30 });
    expect(await printer.status()).toEqual({
      ready: true,
      online: true,
      paper: 'near-end',
      coverOpen: false,
      cutterError: false,
      unrecoverableError: false,
      autoRecoverableError: false,
    });
    sim.setCoverOpen(true);
    expect(await printer.status()).toMatchObject({ ready: false, online: false, coverOpen: true });
    sim.setCoverOpen(false);
    sim.loadPaper(0);
    expect(await printer.status()).toMatchObject({ ready: false, paper: 'out' });
  });

  it('refuses a job when the printer is not ready, printing nothing', async () => {
    const { sim, printer } = await setup();
    sim.setCoverOpen(true);
    await expect(printer.print(paymentReceipt(SAMPLE_PAYMENT))).rejects.toMatchObject({ code: 'PRINTER_COVER_OPEN' });
    expect(sim.current).toEqual([]);
  });

  it('reports paper out mid-job as a typed failure with what was printed', async () => {
    const { sim, printer } = await setup({ paperLines: 12, nearEndLines: 5 });
    const doc = paymentReceipt(SAMPLE_PAYMENT);
    const err = await printer.print(doc).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PrintJobFailedError);
    const failed = err as PrintJobFailedError;
    expect(failed.code).toBe('PRINT_JOB_FAILED');
    expect(failed.reason).toBe('PRINTER_PAPER_OUT');
    expect(failed.printed.elements.length).toBeGreaterThan(0);
    expect(failed.printed.elements.length).toBeLessThan(doc.elements.length);
    expect(failed.printedText).toContain('RICEVUTA DI PAGAMENTO');
    expect(renderText({ elements: sim.current }, EPSON_TM_T88).startsWith(failed.printedText)).toBe(true);
    expect(sim.receipts).toEqual([]);
  });

  it('reports the cover opened mid-job, and prints nothing twice on its own', async () => {
    const { sim, printer } = await setup();
    let count = 0;
    sim.on('printed', () => {
      if (++count === 6) sim.setCoverOpen(true);
    });
    const err = await printer.print(paymentReceipt(SAMPLE_PAYMENT)).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'PRINT_JOB_FAILED', reason: 'PRINTER_COVER_OPEN' });
    expect((err as PrintJobFailedError).printed.elements.length).toBeGreaterThanOrEqual(5);
    sim.setCoverOpen(false);
    await new Promise((r) => setTimeout(r, 100));
    expect(sim.receipts).toEqual([]);
  });

  it('refuses a job while offline', async () => {
    const { sim, printer } = await setup();
    sim.setOnline(false);
    await expect(printer.print(paymentReceipt(SAMPLE_PAYMENT))).rejects.toMatchObject({ code: 'PRINTER_OFFLINE' });
  });

  it('answers status at once while printing slowly', async () => {
    const { sim, printer } = await setup({ linesPerSecond: 200 });
    const decoded = nextReceipt(sim);
    await printer.print(paymentReceipt(SAMPLE_PAYMENT));
    const started = Date.now();
    expect((await printer.status()).online).toBe(true);
    expect(Date.now() - started).toBeLessThan(100);
    expect((await decoded).text).toContain('TOTALE 32,28 €');
  });

  it('reports a jammed cutter after the cut', async () => {
    const { sim, printer } = await setup();
    sim.jamCutter();
    const err = await printer.print(paymentReceipt(SAMPLE_PAYMENT)).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'PRINT_JOB_FAILED', reason: 'PRINTER_CUTTER_ERROR' });
  });

  it('answers PRINTER_NO_RESPONSE when the printer is silent', async () => {
    const { sim, printer } = await setup();
    sim.setAnswering(false);
    const started = Date.now();
    await expect(printer.status()).rejects.toMatchObject({ code: 'PRINTER_NO_RESPONSE' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(990);
    sim.setAnswering(true);
    expect((await printer.status()).ready).toBe(true);
  });
});
