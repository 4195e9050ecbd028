/**
 * The simulator paced at a baud rate, over a real pty: a job takes its bytes' wire time, and the
 * driver's status timeout waits for the bytes ahead of a request to leave before it counts.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { openPtyPair, type PtyPair } from '../../../terminal-drivers/serial/index.ts';
import {
  bookingSlip,
  EPSON_TM_T88,
  openSerialPrinter,
  renderEscPos,
  SAMPLE_BOOKING,
  type PrinterProfile,
  type SerialEscPosPrinter,
} from '../../../terminal-drivers/printer/index.ts';
import { PrinterSimulator, type DecodedReceipt } from '../../../terminal-drivers/sim/printer/index.ts';

let rig: { pair: PtyPair; sim: PrinterSimulator; printer: SerialEscPosPrinter } | null = null;

afterEach(async () => {
  await rig?.printer.close();
  await rig?.sim.close();
  await rig?.pair.close();
  rig = null;
});

async function setup(baud: number, checkEvery: number) {
  const profile: PrinterProfile = { ...EPSON_TM_T88, baudRate: baud };
  const pair = await openPtyPair('paced');
  const sim = await PrinterSimulator.open(pair.devicePath, { profile, paceBaud: baud });
  const printer = await openSerialPrinter(pair.hostPath, profile, { checkEvery });
  rig = { pair, sim, printer };
  return rig;
}

describe('a paced line', () => {
  it('takes at least the wire time of the job at 9,600 baud, and the status after the cut still answers', async () => {
    const { sim, printer } = await setup(9_600, Infinity);
    const doc = bookingSlip(SAMPLE_BOOKING);
    const wireMs = (renderEscPos(doc, EPSON_TM_T88).length * 10 * 1000) / 9_600;
    expect(wireMs).toBeGreaterThan(1000); // longer than the status timeout on its own
    const received = new Promise<DecodedReceipt>((resolve) => sim.once('receipt', resolve));
    const started = performance.now();
    const result = await printer.print(doc);
    expect(performance.now() - started).toBeGreaterThanOrEqual(wireMs * 0.95);
    expect(result.statusAfter.ready).toBe(true);
    expect((await received).text).toContain('PROMEMORIA PRENOTAZIONE');
  });

  it('answers a status request in about its wire time at 115,200 baud', async () => {
    const { printer } = await setup(115_200, 1);
    await printer.status();
    const started = performance.now();
    expect((await printer.status()).ready).toBe(true);
    expect(performance.now() - started).toBeLessThan(100);
  });

  it('still reports PRINTER_NO_RESPONSE from a silent printer on a paced line', async () => {
    const { sim, printer } = await setup(115_200, 1);
    sim.setAnswering(false);
    await expect(printer.status()).rejects.toMatchObject({ code: 'PRINTER_NO_RESPONSE' });
  });
});
