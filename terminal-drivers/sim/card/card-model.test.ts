import { describe, expect, it } from 'vitest';
import { readBinary, selectFile, toHex } from '../../card/apdu.ts';
import { CardModel, tsCnsFileSystem } from './card-model.ts';

const DATA = new TextEncoder().encode('0123456789');
const run = (m: CardModel, apdu: Uint8Array | number[]) => toHex(m.process(Uint8Array.from(apdu)));

describe('CardModel', () => {
  it('walks MF → DF → EF and reads with offsets', () => {
    const m = new CardModel(tsCnsFileSystem(DATA, '8038000100000001'));
    expect(run(m, selectFile(0x3f00))).toBe('90 00');
    expect(run(m, selectFile(0x1100))).toBe('90 00');
    expect(run(m, selectFile(0x1102))).toBe('90 00');
    expect(run(m, readBinary(0, 4))).toBe('30 31 32 33 90 00');
    expect(run(m, readBinary(8, 2))).toBe('38 39 90 00');
  });

  it('answers with the real status words', () => {
    const m = new CardModel(tsCnsFileSystem(DATA, '8038000100000001'));
    expect(run(m, readBinary(0, 1))).toBe('69 86'); // no EF selected
    expect(run(m, selectFile(0x1102))).toBe('6A 82'); // not a child of the MF
    expect(run(m, selectFile(0x1100))).toBe('90 00');
    expect(run(m, selectFile(0x1102))).toBe('90 00');
    expect(run(m, readBinary(10, 1))).toBe('6B 00'); // offset at the end
    expect(run(m, readBinary(6, 10))).toBe('6C 04'); // only 4 bytes left
    expect(run(m, [0x00, 0xb0, 0x81, 0x00, 0x01])).toBe('6A 81'); // short file id
    expect(run(m, [0x80, 0xa4, 0x00, 0x00, 0x02, 0x3f, 0x00])).toBe('6E 00');
    expect(run(m, [0x00, 0xca, 0x00, 0x00, 0x00])).toBe('6D 00');
    expect(run(m, [0x00, 0xa4])).toBe('67 00');
  });

  it('selects a sibling DF and the card number', () => {
    const m = new CardModel(tsCnsFileSystem(DATA, '8038000100000001'));
    expect(run(m, selectFile(0x1100))).toBe('90 00');
    expect(run(m, selectFile(0x1000))).toBe('90 00');
    expect(run(m, selectFile(0x1003))).toBe('90 00');
    expect(new TextDecoder().decode(m.process(readBinary(0, 16)).slice(0, 16))).toBe('8038000100000001');
  });

  it('comes back from a reset with nothing selected below the MF', () => {
    const m = new CardModel(tsCnsFileSystem(DATA, '8038000100000001'));
    run(m, selectFile(0x1100));
    run(m, selectFile(0x1102));
    m.reset();
    expect(run(m, readBinary(0, 1))).toBe('69 86');
  });
});
