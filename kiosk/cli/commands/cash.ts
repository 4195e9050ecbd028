import { changeFor, decodeFrameHex, parseStockArg } from '@cup-kiosk/terminal-drivers/cash';
import { integerOption, requiredOption, type Command } from '../command.ts';

export const cashChange: Command = {
  path: ['cash', 'change'],
  usage: 'cupk cash change --due CENTS --stock V:N,V:N,... [--json]',
  summary: 'the fewest coins that make the change exactly from the hoppers\' stock',
  options: { due: { type: 'string' }, stock: { type: 'string' } },
  async run(_p, values) {
    const due = integerOption(values, 'due');
    return changeFor(due, parseStockArg(requiredOption(values, 'stock')));
  },
};

export const cctalkDecode: Command = {
  path: ['cctalk', 'decode'],
  usage: 'cupk cctalk decode HEX [--json]',
  summary: 'decode one ccTalk frame: addresses, header, data, checksum',
  positionals: { min: 1, max: 1 },
  async run([hex]) {
    return decodeFrameHex(hex!);
  },
};
