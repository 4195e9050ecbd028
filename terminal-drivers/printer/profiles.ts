/**
 * What differs between the receipt printers we meet in the field. A renderer needs nothing
 * else about the hardware; the driver takes the serial settings from here too.
 */
import type { CodePageName } from './codepages.ts';

export type FlowControl = 'rtscts' | 'xonxoff' | 'none';

export interface PrinterProfile {
  id: string;
  /** Font A characters per line: 48 on 80 mm paper, 42 on 80 mm at a wider pitch, 32 on 58 mm. */
  columns: 48 | 42 | 32;
  /** Printable width in dots (203 dpi): 576 for 80 mm, 512 for 42 columns, 384 for 58 mm. */
  dotsWidth: number;
  baudRate: number;
  flowControl: FlowControl;
  codePage: CodePageName;
  /**
   * The `n` of `ESC t n` that selects `codePage` on this model. Makers number their tables
   * differently (Epson: 19 = PC858, 16 = WPC1252), so it lives here and not in the renderer.
   */
  codePageNumber: number;
  /** Prints QR with `GS ( k`; when false the renderer sends a raster image (`GS v 0`). */
  nativeQr: boolean;
  /** Prints Code 128 / Code 39 with `GS k`; when false, a raster image. */
  nativeBarcodes: boolean;
  /** The `n` of `GS V A n`: extra feed, in motion units, before the partial cut. */
  cutFeed: number;
}

/** Epson TM-T88 class, 80 mm: serial 38,400 with RTS/CTS, PC858. */
export const EPSON_TM_T88: PrinterProfile = {
  id: 'epson-tm-t88',
  columns: 48,
  dotsWidth: 576,
  baudRate: 38_400,
  flowControl: 'rtscts',
  codePage: 'pc858',
  codePageNumber: 19,
  nativeQr: true,
  nativeBarcodes: true,
  cutFeed: 3,
};

/** Custom VKP80 class kiosk printer, 80 mm, 115,200 with RTS/CTS, Windows-1252. */
export const CUSTOM_VKP80: PrinterProfile = {
  id: 'custom-vkp80',
  columns: 48,
  dotsWidth: 576,
  baudRate: 115_200,
  flowControl: 'rtscts',
  codePage: 'wpc1252',
  codePageNumber: 16,
  nativeQr: true,
  nativeBarcodes: true,
  cutFeed: 3,
};

/** 80 mm printers set to the 42-column pitch. */
export const GENERIC_80_42: PrinterProfile = {
  id: 'generic-80-42',
  columns: 42,
  dotsWidth: 512,
  baudRate: 115_200,
  flowControl: 'rtscts',
  codePage: 'pc858',
  codePageNumber: 19,
  nativeQr: true,
  nativeBarcodes: true,
  cutFeed: 3,
};

/** Low-cost 58 mm module: XON/XOFF, no `GS ( k`, so QR and barcodes go as raster images. */
export const GENERIC_58: PrinterProfile = {
  id: 'generic-58',
  columns: 32,
  dotsWidth: 384,
  baudRate: 9_600,
  flowControl: 'xonxoff',
  codePage: 'pc858',
  codePageNumber: 19,
  nativeQr: false,
  nativeBarcodes: false,
  cutFeed: 3,
};

export const PROFILES: Readonly<Record<string, PrinterProfile>> = {
  [EPSON_TM_T88.id]: EPSON_TM_T88,
  [CUSTOM_VKP80.id]: CUSTOM_VKP80,
  [GENERIC_80_42.id]: GENERIC_80_42,
  [GENERIC_58.id]: GENERIC_58,
};

/** The code page a printer uses after `ESC t n`, as far as our profiles know the numbers. */
export function codePageForNumber(n: number): CodePageName | undefined {
  for (const p of Object.values(PROFILES)) if (p.codePageNumber === n) return p.codePage;
  return undefined;
}
