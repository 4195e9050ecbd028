/**
 * The scanner driver against the simulator over a real pty pair (socat): the driver cannot tell
 * the simulator from a scanner on a serial line, so this is the driver's contract end to end.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { noticeCode, pagopaQr } from '../../../sync-service/domain/codes/index.ts';
import { openPtyPair, type PtyPair } from '../../../terminal-drivers/serial/index.ts';
import { SerialPort } from 'serialport';
import { BarcodeScanner, openSerialScanner, type ScanDiscard, type ScanEvent } from '../../../terminal-drivers/scanner/index.ts';
import { ScannerSimulator, type ScannerSimulatorOptions } from '../../../terminal-drivers/sim/scanner/index.ts';

const PARTIAL_TIMEOUT_MS = 120;
const TAX_CODE = 'RSSMRA80A01H501U';
const BOOKING = '123456789092';
const NOTICE = noticeCode({ aux: 3, segregation: '99', iuvBase: '0000123456789' });
const QR = pagopaQr({ noticeCode: NOTICE, creditorFiscalCode: '83000390019', amountCents: 222250 });

interface Rig {
  pair: PtyPair;
  sim: ScannerSimulator;
  scanner: BarcodeScanner;
  scans: ScanEvent[];
  discards: ScanDiscard[];
}

let rig: Rig | null = null;

async function setup(options: ScannerSimulatorOptions): Promise<Rig> {
  const pair = await openPtyPair('scanner');
  const sim = await ScannerSimulator.open(pair.devicePath, options);
  const scanner = await openSerialScanner(pair.hostPath, { partialTimeoutMs: PARTIAL_TIMEOUT_MS });
  const scans: ScanEvent[] = [];
  const discards: ScanDiscard[] = [];
  scanner.on('scan', (s) => scans.push(s));
  scanner.on('discard', (d) => discards.push(d));
  rig = { pair, sim, scanner, scans, discards };
  return rig;
}

afterEach(async () => {
  if (!rig) return;
  await rig.scanner.close();
  await rig.sim.close();
  await rig.pair.close();
  rig = null;
});

/** Waits until `count` scans have arrived; fails after `timeoutMs`. */
async function scansArrive(r: Rig, count: number, timeoutMs = 3000): Promise<ScanEvent[]> {
  const deadline = Date.now() + timeoutMs;
  while (r.scans.length < count) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${count} scans, got ${r.scans.length}`);
    await new Promise((res) => setTimeout(res, 10));
  }
  return r.scans;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe.each([
  { aimPrefix: true, terminator: '\r' as const },
  { aimPrefix: false, terminator: '\r\n' as const },
])('serial scanner over a pty (AIM prefix $aimPrefix, terminator $terminator)', (options) => {
  it('reads a scan of each kind of code, classified', async () => {
    const r = await setup(options);
    await r.sim.scan(TAX_CODE);
    await r.sim.scan('0700A'); // a memo's first barcode alone: the kiosk asks for the second
    await r.sim.scan('0700A4001234567');
    await r.sim.scan(BOOKING);
    await r.sim.scan(QR);
    await r.sim.scan(NOTICE);
    await r.sim.scan('123456789093');
    const scans = await scansArrive(r, 7);
    expect(scans.map((s) => s.classified.kind)).toEqual(['taxCode', 'unknown', 'nre', 'booking', 'pagopa', 'pagopa', 'unknown']);
    expect(scans[0]?.classified).toMatchObject({ taxCode: TAX_CODE, birthDate: '1980-01-01' });
    expect(scans[2]?.classified).toEqual({ kind: 'nre', nre: '0700A4001234567', region: '070' });
    expect(scans[4]?.classified).toEqual({ kind: 'pagopa', noticeCode: NOTICE, creditorFiscalCode: '83000390019', amountCents: 222250 });
    expect(scans[5]?.classified).toEqual({ kind: 'pagopa', noticeCode: NOTICE });
    expect(scans[6]?.classified).toMatchObject({ reason: expect.stringContaining('BOOKING_CODE_CHECK') });
    expect(scans.map((s) => s.symbology)).toEqual(options.aimPrefix ? ['code39', 'code128', 'code128', 'code128', 'qr', 'code128', 'code128'] : Array(7).fill(null));
    expect(scans.map((s) => s.text)).toEqual([TAX_CODE, '0700A', '0700A4001234567', BOOKING, QR, NOTICE, '123456789093']);
  });

  it('joins a scan split across reads', async () => {
    const r = await setup(options);
    await r.sim.scanSplit(QR);
    await r.sim.scanSplit(TAX_CODE, [1, 2, 5, 9, 14]);
    const scans = await scansArrive(r, 2);
    expect(scans.map((s) => s.text)).toEqual([QR, TAX_CODE]);
    expect(r.discards).toEqual([]);
  });

  it('splits two scans in one read, and the two barcodes of a memo', async () => {
    const r = await setup(options);
    await r.sim.scanMany([BOOKING, TAX_CODE]);
    await r.sim.scanMany(['4001234567', '0700A']);
    const scans = await scansArrive(r, 4);
    expect(scans.map((s) => s.classified.kind)).toEqual(['booking', 'taxCode', 'unknown', 'nre']);
    expect(scans[3]?.classified).toEqual({ kind: 'nre', nre: '0700A4001234567', region: '070' });
    expect(scans.map((s) => s.text)).toEqual([BOOKING, TAX_CODE, '4001234567', '0700A']);
  });

  it('drops noise bytes between and inside scans', async () => {
    const r = await setup(options);
    await r.sim.noise();
    await r.sim.scanWithNoise(TAX_CODE);
    await r.sim.noise([0xff, 0xfe]);
    await r.sim.scan(BOOKING);
    const scans = await scansArrive(r, 2);
    expect(scans.map((s) => s.classified.kind)).toEqual(['taxCode', 'booking']);
    expect(r.discards.every((d) => d.reason === 'noise')).toBe(true);
    expect(r.discards.length).toBeGreaterThan(0);
  });

  it('drops a scan with no terminator after the timeout, and reads the next one whole', async () => {
    const r = await setup(options);
    await r.sim.scanWithoutTerminator(TAX_CODE);
    await sleep(PARTIAL_TIMEOUT_MS * 3);
    expect(r.scans).toEqual([]);
    expect(r.discards.map((d) => d.reason)).toEqual(['no-terminator']);
    expect(r.discards[0]?.bytes.toString('latin1')).toContain(TAX_CODE);
    await r.sim.scan(BOOKING);
    const scans = await scansArrive(r, 1);
    expect(scans[0]?.classified).toEqual({ kind: 'booking', booking: BOOKING });
  });
});

describe('serial scanner on a port it is handed', () => {
  it('reads a split scan that really arrives in several reads', async () => {
    const pair = await openPtyPair('scanner');
    const sim = await ScannerSimulator.open(pair.devicePath, { terminator: '\r\n', aimPrefix: true });
    const port = new SerialPort({ path: pair.hostPath, baudRate: 9600, autoOpen: false });
    await new Promise<void>((resolve, reject) => port.open((e) => (e ? reject(e) : resolve())));
    let reads = 0;
    port.on('data', () => reads++);
    const scanner = new BarcodeScanner(port, { partialTimeoutMs: PARTIAL_TIMEOUT_MS });
    const scans: ScanEvent[] = [];
    scanner.on('scan', (s) => scans.push(s));
    try {
      await sim.scanSplit(QR, [2, 10, 30, 50]);
      const deadline = Date.now() + 3000;
      while (scans.length < 1 && Date.now() < deadline) await sleep(10);
      expect(reads).toBeGreaterThanOrEqual(3);
      expect(scans.map((s) => [s.text, s.symbology, s.classified.kind])).toEqual([[QR, 'qr', 'pagopa']]);
      await scanner.close();
      expect(port.isOpen).toBe(true); // the scanner does not own a port it was handed
    } finally {
      await new Promise<void>((resolve) => port.close(() => resolve()));
      await sim.close();
      await pair.close();
    }
  });
});

describe('serial scanner lifecycle', () => {
  it('fails to open a missing port with a typed error', async () => {
    await expect(openSerialScanner('/nonexistent/scanner')).rejects.toMatchObject({ code: 'SCANNER_OPEN_FAILED' });
  });
});
