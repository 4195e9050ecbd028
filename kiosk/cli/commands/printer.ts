/**
 * `cupk printer status` and `cupk printer test`: a technician's first questions to a receipt
 * printer on a serial line (is it there, is it ready, does it print), answered through the
 * same driver the kiosk uses, so what the command says is what the kiosk will see.
 */
import { CupError } from '@cup-kiosk/sync-service/domain';
import {
  openSerialPrinter,
  PROFILES,
  testPage,
  EPSON_TM_T88,
  type PrinterProfile,
  type SerialEscPosPrinter,
} from '@cup-kiosk/terminal-drivers/printer';
import { requiredOption, stringOption, UsageError, type Command, type Options, type Values } from '../command.ts';

/** The serial port could not be opened: wrong path, in use, or no permission. */
export class PrinterPortError extends CupError {
  constructor(path: string, cause: string) {
    super('PRINTER_PORT_UNAVAILABLE', `cannot open ${path}: ${cause}`, { path });
  }
}

/** Baud rates a serial receipt printer is set to; anything else is a typo. */
const BAUD_RATES = [9_600, 19_200, 38_400, 57_600, 115_200];

export const PORT_OPTIONS: Options = { port: { type: 'string' }, baud: { type: 'string' }, profile: { type: 'string' } };

/** The profile named by `--profile` (default Epson TM-T88), at `--baud` when given. */
export function profileFrom(values: Values): PrinterProfile {
  const id = stringOption(values, 'profile');
  const profile = id === undefined ? EPSON_TM_T88 : PROFILES[id];
  if (!profile) throw new UsageError(`--profile takes one of ${Object.keys(PROFILES).join(', ')}`);
  const baud = stringOption(values, 'baud');
  if (baud === undefined) return profile;
  if (!/^\d+$/.test(baud) || !BAUD_RATES.includes(Number(baud))) throw new UsageError(`--baud takes one of ${BAUD_RATES.join(', ')}`);
  return { ...profile, baudRate: Number(baud) };
}

/** Opens the port, runs `fn` with the driver, and always closes the port again. */
export async function withPrinter<T>(values: Values, fn: (printer: SerialEscPosPrinter) => Promise<T>): Promise<T> {
  const path = requiredOption(values, 'port');
  const profile = profileFrom(values);
  const printer = await openSerialPrinter(path, profile).catch((e: unknown) => {
    throw new PrinterPortError(path, e instanceof Error ? e.message : String(e));
  });
  try {
    return await fn(printer);
  } finally {
    await printer.close();
  }
}

export const printerStatus: Command = {
  path: ['printer', 'status'],
  usage: 'cupk printer status --port PATH [--baud N] [--profile ID] [--json]',
  summary: 'ask a receipt printer its real-time status (DLE EOT 1-4)',
  options: PORT_OPTIONS,
  async run(_p, values) {
    // PRINTER_NO_RESPONSE and PRINTER_BAD_STATUS come from the driver as they are.
    return withPrinter(values, (printer) => printer.status());
  },
};

export const printerTest: Command = {
  path: ['printer', 'test'],
  usage: 'cupk printer test --port PATH [--baud N] [--profile ID] [--terminal ID] [--json]',
  summary: 'print the technician test page: code page, styles, barcodes, QR',
  options: { ...PORT_OPTIONS, terminal: { type: 'string' } },
  async run(_p, values) {
    return withPrinter(values, async (printer) => {
      const doc = testPage({
        terminalId: stringOption(values, 'terminal') ?? 'cupk',
        printedAt: new Date().toISOString(),
        profile: printer.profile,
        softwareVersion: process.env.npm_package_version,
      });
      const r = await printer.print(doc);
      return { printed: true, profile: printer.profile.id, bytesSent: r.bytesSent, elements: r.elements, durationMs: r.durationMs, status: r.statusAfter };
    });
  },
};
