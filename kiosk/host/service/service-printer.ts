import {
  cashEmptyReport,
  hopperRefillReport,
  testPage,
  type CashLevel,
  type PrinterProfile,
  type ReceiptDocument,
} from '@cup-kiosk/terminal-drivers/printer';
import type { ServicePrinted } from '../../bridge/service-api.ts';

/** The receipt printer as the service mode uses it: any document, and the profile it prints with. */
export interface ServicePrinterPort {
  readonly profile: PrinterProfile;
  /** Prints and resolves with the document's text once the printer reports it cut. */
  print(doc: ReceiptDocument): Promise<{ text: string }>;
}

export interface ServicePaperOptions {
  terminalId: string;
  /** Where the terminal stands, printed on the cash reports. */
  placeName: string;
  appVersion: string;
  printer: ServicePrinterPort;
}

const failure = (e: unknown) => ({
  code: typeof (e as { code?: unknown }).code === 'string' ? (e as { code: string }).code : 'PRINT_FAILED',
  message: e instanceof Error ? e.message : String(e),
});

/**
 * The technician's paper: the test page and the reports of the cash counts. A count is already
 * in the ledger when its report prints, so a printer fault is reported, never thrown.
 */
export class ServicePaper {
  constructor(private readonly o: ServicePaperOptions) {}

  private async print(doc: ReceiptDocument): Promise<ServicePrinted> {
    try {
      return { text: (await this.o.printer.print(doc)).text };
    } catch (e) {
      return { text: null, printError: failure(e) };
    }
  }

  /** The test page is the test: its failure is the answer, so it is thrown. */
  async testPage(at: Date): Promise<{ text: string }> {
    return this.o.printer.print(testPage({ terminalId: this.o.terminalId, printedAt: at.toISOString(), profile: this.o.printer.profile, softwareVersion: this.o.appVersion }));
  }

  cashEmptied(technicianId: string, at: Date, levels: CashLevel[]): Promise<ServicePrinted> {
    const intervention = { technicianId, terminalId: this.o.terminalId, placeName: this.o.placeName, at: at.toISOString() };
    return this.print(cashEmptyReport({ ...intervention, cashBoxId: `${this.o.terminalId}-CASSETTA`, levels }));
  }

  hopperRefilled(technicianId: string, at: Date, hopper: { address: number } & CashLevel): Promise<ServicePrinted> {
    const intervention = { technicianId, terminalId: this.o.terminalId, placeName: this.o.placeName, at: at.toISOString() };
    const { address, ...level } = hopper;
    return this.print(hopperRefillReport({ ...intervention, hoppers: [{ hopperId: `H${address}`, ...level }] }));
  }
}
