import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { ScanEvent } from './contract.ts';
import { BarcodeScanner } from './scanner.ts';
import type { ScannerError } from './errors.ts';

const NOW = new Date('2025-03-12T10:00:00Z');

function rig(): { port: PassThrough; scanner: BarcodeScanner; scans: ScanEvent[] } {
  const port = new PassThrough();
  const scanner = new BarcodeScanner(port, { now: () => NOW, partialTimeoutMs: 0 });
  const scans: ScanEvent[] = [];
  scanner.on('scan', (s) => scans.push(s));
  return { port, scanner, scans };
}

const tick = (): Promise<void> => new Promise((r) => setImmediate(r));

describe('BarcodeScanner on a stream it is handed', () => {
  it('emits typed, classified scans', async () => {
    const { port, scans } = rig();
    port.write(']A0RSSMRA80A01H501U\r\n123456789092\r');
    await tick();
    expect(scans).toEqual([
      {
        text: 'RSSMRA80A01H501U',
        symbology: 'code39',
        aimId: ']A0',
        receivedAt: NOW,
        classified: { kind: 'taxCode', taxCode: 'RSSMRA80A01H501U', sex: 'M', birthDate: '1980-01-01', birthplaceCode: 'H501', omocode: false },
      },
      { text: '123456789092', symbology: null, receivedAt: NOW, classified: { kind: 'booking', booking: '123456789092' } },
    ]);
  });

  it('a misread is a scan classified unknown, not an error', async () => {
    const { port, scans } = rig();
    port.write('123456789093\r');
    await tick();
    expect(scans[0]?.classified).toMatchObject({ kind: 'unknown', reason: expect.stringContaining('BOOKING_CODE_CHECK') });
  });

  it('reports a port failure once as a typed error, then closes', async () => {
    const { port, scanner } = rig();
    const errors: ScannerError[] = [];
    let closes = 0;
    scanner.on('error', (e) => errors.push(e));
    scanner.on('close', () => closes++);
    port.emit('error', new Error('EIO'));
    port.emit('error', new Error('EIO again'));
    expect(errors.map((e) => e.code)).toEqual(['SCANNER_PORT_ERROR']);
    expect(closes).toBe(1);
    expect(scanner.isClosed).toBe(true);
  });

  it('stops reading on close and leaves a port it does not own open', async () => {
    const { port, scanner, scans } = rig();
    await scanner.close();
    await scanner.close();
    port.write('123456789092\r');
    await tick();
    expect(scans).toEqual([]);
    expect(port.destroyed).toBe(false);
  });

  it('joins the two barcodes of a prescription memo, in either order, within the window', async () => {
    const port = new PassThrough();
    let now = NOW.getTime();
    const scanner = new BarcodeScanner(port, { now: () => new Date(now), partialTimeoutMs: 0, nrePairWindowMs: 5000 });
    const kinds: string[] = [];
    scanner.on('scan', (s) => kinds.push(s.classified.kind === 'nre' ? `nre:${s.classified.nre}` : s.classified.kind));
    port.write('0700A\r4001234567\r');
    await tick();
    port.write('4001234567\r0800B\r');
    await tick();
    port.write('0700A\r');
    await tick();
    now += 5001;
    port.write('4001234567\r');
    await tick();
    now += 5001;
    port.write('0700A\r0700A\r123456789092\r4001234567\r');
    await tick();
    expect(kinds).toEqual(['unknown', 'nre:0700A4001234567', 'unknown', 'nre:0800B4001234567', 'unknown', 'unknown', 'unknown', 'unknown', 'booking', 'unknown']);
  });
});
