import { describe, expect, it } from 'vitest';
import { CardModel, tsCnsFileSystem } from '../sim/card/card-model.ts';
import { toHex } from './apdu.ts';
import { CardIoError, CardNotTsCnsError } from './errors.ts';
import { readPersonalDataFile, type Transmit } from './read-session.ts';
import { encodePersonalData } from './ts-cns.ts';

const FILE = encodePersonalData({
  issueDate: '2025-12-31',
  expiryDate: '2031-12-31',
  surname: 'ROSSI',
  name: 'MARIO',
  birthDate: '1985-12-10',
  sex: 'M',
  taxCode: 'RSSMRA85T10A562S',
  birthplace: 'A562',
});

/** A transmit over the chip model that records every command. */
function chip(data = FILE): { transmit: Transmit; log: string[] } {
  const model = new CardModel(tsCnsFileSystem(data, '8038000100000001'));
  const log: string[] = [];
  return {
    log,
    transmit: async (command) => {
      log.push(toHex(command));
      return model.process(command);
    },
  };
}

describe('readPersonalDataFile over the chip model', () => {
  it('selects 3F00, 1100, 1102, then reads exactly the file', async () => {
    const { transmit, log } = chip();
    const { bytes, apduCount } = await readPersonalDataFile(transmit);
    expect(Array.from(bytes)).toEqual(Array.from(FILE));
    expect(log.slice(0, 3)).toEqual(['00 A4 00 00 02 3F 00', '00 A4 00 00 02 11 00', '00 A4 00 00 02 11 02']);
    expect(apduCount).toBe(log.length);
  });

  it('answers 6C XX by asking again with the right Le', async () => {
    const { transmit, log } = chip();
    await readPersonalDataFile(transmit, { chunkSize: 256 });
    // 256 > file: the chip answers 6C XX, and the next command asks for XX.
    expect(log[3]).toBe('00 B0 00 00 00');
    expect(log[4]).toBe(`00 B0 00 00 ${FILE.length.toString(16).toUpperCase().padStart(2, '0')}`);
    expect(log).toHaveLength(5);
  });

  it('reads with offsets for every chunk size', async () => {
    for (let chunk = 1; chunk <= 256; chunk++) {
      const { transmit } = chip();
      const { bytes } = await readPersonalDataFile(transmit, { chunkSize: chunk });
      expect(Array.from(bytes), `chunk ${chunk}`).toEqual(Array.from(FILE));
    }
  });

  it('stops at the declared length, not at the padding after it', async () => {
    const padded = new Uint8Array(FILE.length + 300);
    padded.set(FILE);
    const { transmit, log } = chip(padded);
    const { bytes } = await readPersonalDataFile(transmit, { chunkSize: 64 });
    expect(bytes).toHaveLength(FILE.length);
    expect(log).toHaveLength(3 + Math.ceil(FILE.length / 64));
  });

  it('calls a card without DF 1100 not a TS-CNS', async () => {
    const model = new CardModel({ kind: 'DF', fid: 0x3f00, children: [] });
    const err = await readPersonalDataFile(async (c) => model.process(c)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CardNotTsCnsError);
    expect((err as CardNotTsCnsError).details).toMatchObject({ fid: '1100', sw: '6A 82' });
  });

  it('calls a card that refuses the class byte not a TS-CNS', async () => {
    const err = await readPersonalDataFile(async () => Uint8Array.of(0x6e, 0x00)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CardNotTsCnsError);
  });

  it('reports an unexpected READ BINARY status as CARD_IO_ERROR', async () => {
    const { transmit } = chip();
    const err = await readPersonalDataFile(async (c) => (c[1] === 0xb0 ? Uint8Array.of(0x69, 0x82) : transmit(c))).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CardIoError);
    expect((err as CardIoError).message).toMatch(/69 82/);
  });
});
