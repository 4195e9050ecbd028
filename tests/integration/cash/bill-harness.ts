import type { PtyPair } from '../../../terminal-drivers/serial/pty-pair.ts';
import { openPtyPair as openTestPty } from '../../../terminal-drivers/serial/pty-pair.ts';
import { BillValidator, openCcTalkBus, type BillCredit, type BillValidatorOptions, type CcTalkBus, type CcTalkBusOptions, type EscrowDecision, type EscrowedBill } from '../../../terminal-drivers/cash/index.ts';
import { BillValidatorSim, type BillValidatorSimOptions } from '../../../terminal-drivers/sim/cash/index.ts';

/** A bill validator simulator on the device end of a real pty, and the driver on the host end. */
export interface BillRig {
  pty: PtyPair;
  sim: BillValidatorSim;
  bus: CcTalkBus;
  validator: BillValidator;
  /** Credits in the order the host recorded them (what a ledger would hold). */
  ledger: BillCredit[];
  /** Bills the host was asked about, in order. */
  asked: EscrowedBill[];
  /** The host's decision for a bill in escrow; tests replace it. Default: stack. */
  decide: (bill: EscrowedBill) => Promise<EscrowDecision>;
  /** Stops the driver and starts a new one on the same wire, resuming from the ledger's last counter. */
  restartHost(options?: Partial<BillValidatorOptions>): Promise<void>;
  close(): Promise<void>;
}

export async function openBillRig(
  echo: boolean,
  options: Partial<BillValidatorOptions> = {},
  simOptions: BillValidatorSimOptions = {},
  busOptions: Partial<CcTalkBusOptions> = {},
): Promise<BillRig> {
  const pty = await openTestPty('bill');
  const sim = await BillValidatorSim.open(pty.devicePath, { echo, ...simOptions });
  const ledger: BillCredit[] = [];
  const asked: EscrowedBill[] = [];
  const busOpts: CcTalkBusOptions = { echo, timeoutMs: 100, retries: 1, ...busOptions };
  const make = (bus: CcTalkBus, more: Partial<BillValidatorOptions>): BillValidator =>
    new BillValidator({
      bus,
      // A ledger keyed by serial and counter: a credit offered twice is written once.
      onCredit: async (c) => {
        if (!ledger.some((l) => l.deviceSerial === c.deviceSerial && l.eventCounter === c.eventCounter && l.valueCents === c.valueCents)) ledger.push(c);
      },
      onEscrow: (b) => {
        asked.push(b);
        return rig.decide(b);
      },
      pollMs: 20,
      ...options,
      ...more,
    });
  const bus = await openCcTalkBus(pty.hostPath, busOpts);
  const rig: BillRig = {
    pty,
    sim,
    ledger,
    asked,
    bus,
    validator: undefined as unknown as BillValidator,
    decide: async () => 'stack',
    async restartHost(more = {}) {
      await rig.validator.stop();
      await rig.bus.close();
      rig.bus = await openCcTalkBus(pty.hostPath, busOpts);
      rig.validator = make(rig.bus, { resumeCounter: ledger.at(-1)?.eventCounter ?? 0, ...more });
      await rig.validator.start();
    },
    async close() {
      await rig.validator.stop();
      await rig.bus.close();
      await sim.close();
      await pty.close();
    },
  };
  rig.validator = make(bus, {});
  await rig.validator.start();
  return rig;
}
