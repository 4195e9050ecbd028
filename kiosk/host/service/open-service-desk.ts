import type { PayoutStep } from '@cup-kiosk/terminal-drivers/cash';
import type { Database } from '@cup-kiosk/sync-service/outbox';
import type { ServiceConfig } from '../../bridge/service-api.ts';
import type { TerminalEvent } from '../../bridge/terminal-api.ts';
import type { CashLedger } from '../cash/cash-ledger.ts';
import { ServiceCash, type ServiceCashPort } from './service-cash.ts';
import { ServiceDesk } from './service-desk.ts';
import { checkPinHash, demoPinHash } from './service-pin.ts';
import { ServicePaper, type ServicePrinterPort } from './service-printer.ts';
import type { DeviceSource, ServiceSyncPort } from './service-status.ts';
import { ServiceStore } from './service-store.ts';

export interface ServiceWiring {
  db: Database;
  ledger: CashLedger;
  paymentOpen(): Promise<boolean>;
  desk: ServiceCashPort;
  printer: ServicePrinterPort;
  sync: ServiceSyncPort;
  devices: DeviceSource;
  hoppers: readonly { address: number; valueCents: number }[];
  config: ServiceConfig;
  /** Printed on the cash reports; default `Terminale <id>`. */
  placeName?: string;
  /** The technician PIN's hash (`hashPin`); default the demo PIN's, for the simulator. */
  pinHash?: string;
  /**
   * Called once a refill is in the ledger. On simulated devices it puts the coins into the
   * simulated hopper: there, recording the refill stands for the technician's hands.
   */
  onRefill?: (hopper: number, count: number) => void;
  /** Hears the payout test's hopper step (the terminal's health); default nobody. */
  onPayoutStep?: (step: PayoutStep) => void;
  publish(e: TerminalEvent): void;
  now?: () => Date;
}

/** The service desk of a terminal: its tables migrated, its parts made from the host's devices. */
export async function openServiceDesk(w: ServiceWiring): Promise<ServiceDesk> {
  const pinHash = w.pinHash ?? demoPinHash();
  checkPinHash(pinHash);
  const store = await ServiceStore.open(w.db, w.now);
  return new ServiceDesk({
    store,
    db: w.db,
    ledger: w.ledger,
    paymentOpen: w.paymentOpen,
    cash: new ServiceCash(w.desk, w.ledger, w.hoppers, w.onPayoutStep),
    paper: new ServicePaper({ terminalId: w.config.terminalId, placeName: w.placeName ?? `Terminale ${w.config.terminalId}`, appVersion: w.config.appVersion, printer: w.printer }),
    sync: w.sync,
    devices: w.devices,
    hoppers: w.hoppers,
    config: w.config,
    pinHash,
    publish: w.publish,
    ...(w.onRefill ? { onRefill: w.onRefill } : {}),
    ...(w.now ? { now: w.now } : {}),
  });
}
