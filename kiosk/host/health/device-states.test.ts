import { describe, expect, it } from 'vitest';
import type { PrinterStatus } from '../../bridge/terminal-api.ts';
import { applyHealthInput, initialDeviceStates, printerHealth, type DeviceStates, type HealthInput } from './device-states.ts';

const READY: PrinterStatus = { ready: true, online: true, paper: 'ok', coverOpen: false, cutterError: false, unrecoverableError: false, autoRecoverableError: false };
const start = () => initialDeviceStates({ scanner: true, pos: true });
const after = (inputs: HealthInput[], from: DeviceStates = start()) => inputs.reduce(applyHealthInput, from);

describe('printer health from its status', () => {
  it.each([
    [{}, { state: 'ok' }],
    [{ paper: 'near-end' }, { state: 'paper-low' }],
    [{ paper: 'out', ready: false }, { state: 'paper-out' }],
    [{ coverOpen: true, paper: 'near-end' }, { state: 'cover-open' }],
    [{ online: false, paper: 'out' }, { state: 'paper-out' }],
    [{ online: false, coverOpen: true }, { state: 'cover-open' }],
    [{ online: false, paper: 'near-end' }, { state: 'offline' }],
    [{ cutterError: true }, { state: 'ok', fault: 'PRINTER_CUTTER_ERROR' }],
    [{ unrecoverableError: true }, { state: 'ok', fault: 'PRINTER_UNRECOVERABLE_ERROR' }],
  ] as [Partial<PrinterStatus>, object][])('%o is %o', (status, health) => {
    expect(printerHealth({ ...READY, ...status })).toEqual(health);
  });
});

describe('device states after what the host hears', () => {
  it('starts with the printer and the card reader unknown, the rest answering', () => {
    expect(start()).toEqual({
      printer: { state: 'offline' },
      coinAcceptor: { state: 'ok' },
      billValidator: { state: 'ok' },
      cardReader: { readers: [] },
      scanner: { state: 'ok' },
      pos: { state: 'ok' },
      hopperFaults: {},
    });
    expect(initialDeviceStates({ scanner: false, pos: false })).not.toHaveProperty('pos');
  });

  it('answers the very same object when an input changes nothing', () => {
    const s = after([{ type: 'printer.status', status: READY }]);
    expect(applyHealthInput(s, { type: 'printer.status', status: READY })).toBe(s);
    expect(applyHealthInput(s, { type: 'scan.read', text: 'x', classified: { kind: 'unknown', reason: 'empty' } as never })).toBe(s);
  });

  it('follows the POS: offline when it cannot be reached, busy when serving, ok on any answer', () => {
    const declined = (code: string): HealthInput => ({ type: 'pos.declined', paymentId: 'p', outcome: 'failed', code, message: '', paymentOpen: true });
    expect(after([declined('POS_UNREACHABLE')]).pos).toEqual({ state: 'offline', fault: 'POS_UNREACHABLE' });
    expect(after([declined('POS_BUSY')]).pos).toEqual({ state: 'busy' });
    expect(after([declined('POS_OFFLINE'), declined('POS_DECLINED')]).pos).toEqual({ state: 'ok' });
    expect(after([declined('POS_OUTCOME_UNKNOWN'), { type: 'pos.approved', paymentId: 'p', cardCents: 100, cashDueCents: 0 }]).pos).toEqual({ state: 'ok' });
    expect(after([declined('POS_OFFLINE')], initialDeviceStates({ scanner: false, pos: false }))).not.toHaveProperty('pos');
  });

  it('counts the card readers pcscd lists, and a failure of pcscd until a card is read again', () => {
    const attached = after([{ type: 'card.reader', reader: 'Virtual PCD 00 00', present: true }]);
    expect(attached.cardReader).toEqual({ readers: ['Virtual PCD 00 00'] });
    // A bad card is the card's problem, not the reader's.
    expect(applyHealthInput(attached, { type: 'card.error', code: 'CARD_MUTE', message: '' })).toBe(attached);
    const failed = applyHealthInput(attached, { type: 'card.error', code: 'PCSC_FAILED', message: '' });
    expect(failed.cardReader).toEqual({ readers: ['Virtual PCD 00 00'], fault: 'PCSC_FAILED' });
    expect(applyHealthInput(failed, { type: 'card.inserted', citizen: {} as never }).cardReader).toEqual({ readers: ['Virtual PCD 00 00'] });
    expect(applyHealthInput(attached, { type: 'card.reader', reader: 'Virtual PCD 00 00', present: false }).cardReader).toEqual({ readers: [] });
  });

  it('turns cash device faults into codes, cleared when the device answers or takes money again', () => {
    const coin = (event: 'online' | 'offline' | 'fault' | 'credit', extra: { code?: string; kind?: string } = {}): HealthInput => ({ type: 'cash.device', device: 'coin-acceptor', event, ...extra });
    expect(after([coin('fault', { kind: 'jam' })]).coinAcceptor).toEqual({ state: 'ok', fault: 'COIN_JAM' });
    expect(after([coin('fault', { kind: 'unknown-coin' })]).coinAcceptor).toEqual({ state: 'ok', fault: 'COIN_UNKNOWN' });
    expect(after([coin('fault', { kind: 'jam' }), coin('credit')]).coinAcceptor).toEqual({ state: 'ok' });
    expect(after([coin('offline', { code: 'CCTALK_TIMEOUT' })]).coinAcceptor).toEqual({ state: 'offline', fault: 'CCTALK_TIMEOUT' });
    expect(after([coin('offline', { code: 'not a code' })]).coinAcceptor).toEqual({ state: 'offline' });
    expect(after([coin('offline', { code: 'CCTALK_TIMEOUT' }), coin('online')]).coinAcceptor).toEqual({ state: 'ok' });
    const stacker = (kind: string): HealthInput => ({ type: 'cash.device', device: 'bill-validator', event: 'stacker', kind });
    expect(after([stacker('full')]).billValidator).toEqual({ state: 'ok', fault: 'BILL_STACKER_FULL' });
    expect(after([stacker('removed'), stacker('inserted')]).billValidator).toEqual({ state: 'ok' });
    expect(after([stacker('full')]).coinAcceptor).toEqual({ state: 'ok' });
  });

  it('marks a hopper that paid fewer coins than asked, or could not be asked, until it pays in full', () => {
    const short = after([{ type: 'hopper.payout', id: 4, requested: 5, paid: 2 }]);
    expect(short.hopperFaults).toEqual({ 4: 'HOPPER_SHORT_PAYOUT' });
    expect(after([{ type: 'hopper.payout', id: 3, requested: 1, paid: 0, error: 'CCTALK_TIMEOUT' }], short).hopperFaults).toEqual({ 3: 'CCTALK_TIMEOUT', 4: 'HOPPER_SHORT_PAYOUT' });
    expect(after([{ type: 'hopper.payout', id: 4, requested: 3, paid: 3 }], short).hopperFaults).toEqual({});
  });

  it('takes the scanner offline when its line fails', () => {
    expect(after([{ type: 'scanner.failed', code: 'SCANNER_PORT_ERROR' }]).scanner).toEqual({ state: 'offline', fault: 'SCANNER_PORT_ERROR' });
    expect(after([{ type: 'scanner.failed' }], initialDeviceStates({ scanner: false, pos: true }))).not.toHaveProperty('scanner');
  });
});
