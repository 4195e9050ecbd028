import { decodePersonalDataHex, HealthCardReader } from '@cup-kiosk/terminal-drivers/card';
import { stringOption, untilSignal, type Command } from '../command.ts';

export const cardDecode: Command = {
  path: ['card', 'decode'],
  usage: 'cupk card decode HEX [--json]',
  summary: 'parse the bytes of a health card\'s personal data file (EF 1102)',
  positionals: { min: 1, max: 1 },
  async run([hex]) {
    return decodePersonalDataHex(hex!);
  },
};

export const cardRead: Command = {
  path: ['card', 'read'],
  usage: 'cupk card read [--reader NAME] [--json]',
  summary: 'read the health card in a reader through pcscd',
  options: { reader: { type: 'string' } },
  async run(_p, values) {
    const reader = new HealthCardReader({ autoRead: false });
    try {
      return await reader.readNow(stringOption(values, 'reader'));
    } finally {
      await reader.close();
    }
  },
};

export const cardWatch: Command = {
  path: ['card', 'watch'],
  usage: 'cupk card watch [--json]',
  summary: 'print reader and card events as they happen (one JSON line each), until interrupted',
  async run(_p, values, io) {
    const json = values.json === true;
    const reader = new HealthCardReader();
    const print = (type: string, event: object) =>
      io.event(json ? JSON.stringify({ type, ...event }) : `${type} ${JSON.stringify(event)}`);
    reader.on('readerAttached', (e) => print('reader.attached', e));
    reader.on('readerRemoved', (e) => print('reader.removed', e));
    reader.on('inserted', (e) => print('card.inserted', { reader: e.reader, citizen: e.citizen, elapsedMs: e.elapsedMs }));
    reader.on('removed', (e) => print('card.removed', e));
    reader.on('error', (e) => print('card.error', { reader: e.reader, code: e.code, message: e.message }));
    await reader.start();
    await untilSignal();
    await reader.close();
    return { watched: true };
  },
};
