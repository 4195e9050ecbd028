import { nexoTerminal, type NexoPaymentTerminal, type ConnectNexoOptions } from '../../../terminal-drivers/pos/index.ts';
import { PosSimulator, type PosSimulatorOptions } from '../../../terminal-drivers/sim/pos/index.ts';

/** The simulated terminal on a real localhost socket, and the kiosk's driver talking to it. */
export interface PosRig {
  sim: PosSimulator;
  terminal: NexoPaymentTerminal;
  /** A new driver with the same configuration, as a host process that crashed and started again. */
  restartHost(): Promise<void>;
  close(): Promise<void>;
}

export const SALE_ID = 'KIOSK-TEST-01';

/** Short timeouts so the lost and late cases take a fraction of a second. */
export async function openPosRig(driver: Partial<ConnectNexoOptions> = {}, sim: PosSimulatorOptions = {}): Promise<PosRig> {
  const s = await PosSimulator.start(sim);
  const make = () => nexoTerminal({ host: '127.0.0.1', port: s.port, saleId: SALE_ID, poiId: s.poiId, paymentTimeoutMs: 400, requestTimeoutMs: 1000, ...driver });
  const rig: PosRig = {
    sim: s,
    terminal: make(),
    async restartHost() {
      await rig.terminal.dispose();
      rig.terminal = make();
    },
    async close() {
      await rig.terminal.dispose();
      await s.close();
    },
  };
  return rig;
}

let counter = 0;
/** A transaction id as the host makes one: unique per attempt. */
export function txId(): string {
  return `T01-${process.pid}-${Date.now().toString(36)}-${++counter}`;
}

export const eur = (amountCents: number, transactionId = txId()) => ({ transactionId, amountCents, currency: 'EUR' as const });

/** The typed error code a promise rejects with, or 'resolved'. */
export function codeOf(p: Promise<unknown>): Promise<string> {
  return p.then(
    () => 'resolved',
    (e: { code?: string }) => e.code ?? String(e),
  );
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
