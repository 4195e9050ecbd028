import type { Database, Outbox } from '@cup-kiosk/sync-service/outbox';
import type { TerminalEvent } from '../../bridge/terminal-api.ts';
import type { CashLedger } from '../cash/cash-ledger.ts';
import { hashPin } from '../service/service-pin.ts';
import type { ServicePrinterPort } from '../service/service-printer.ts';
import { ServiceStore } from '../service/service-store.ts';
import { CounterDesk } from './counter-desk.ts';
import { CounterStore } from './counter-store.ts';

/** The demo operator of a counter on the embedded (demo) central, documented in the README. */
export const DEMO_OPERATOR = { code: 'DEMO', name: 'Farmacista demo', pin: '135790' } as const;

export interface CounterOptions {
  /** Adds the demo operator when the terminal has no operator yet; default false (a real counter gets its operators from `cupk counter operator add`). */
  demoOperator?: boolean;
  /** Printed on the close sheet; default `Terminale <id>`. */
  placeName?: string;
}

export interface CounterWiring extends CounterOptions {
  db: Database;
  outbox: Outbox;
  ledger: CashLedger;
  printer: ServicePrinterPort;
  terminalId: string;
  paymentOpen(): Promise<boolean>;
  publish(e: TerminalEvent): void;
  kick(): void;
  now?: () => Date;
}

/** The counter desk of a terminal: its tables migrated (after the payments'), the demo operator added where asked. */
export async function openCounterDesk(w: CounterWiring): Promise<CounterDesk> {
  const store = await CounterStore.open(w.db, w.now);
  if (w.demoOperator && (await store.operators()).length === 0) {
    await store.addOperator({ code: DEMO_OPERATOR.code, name: DEMO_OPERATOR.name, pinHash: hashPin(DEMO_OPERATOR.pin) });
  }
  return new CounterDesk({
    store,
    audit: await ServiceStore.open(w.db, w.now),
    db: w.db,
    outbox: w.outbox,
    ledger: w.ledger,
    printer: w.printer,
    terminalId: w.terminalId,
    ...(w.placeName ? { placeName: w.placeName } : {}),
    paymentOpen: w.paymentOpen,
    publish: w.publish,
    kick: w.kick,
    ...(w.now ? { now: w.now } : {}),
  });
}
