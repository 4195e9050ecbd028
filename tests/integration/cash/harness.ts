import type { PtyPair } from '../../../terminal-drivers/serial/pty-pair.ts';
import { openPtyPair as openTestPty } from '../../../terminal-drivers/serial/pty-pair.ts';
import { openCcTalkBus, type CcTalkBus, type CcTalkBusOptions } from '../../../terminal-drivers/cash/index.ts';
import { CoinAcceptor, type CoinAcceptorOptions, type CoinCredit } from '../../../terminal-drivers/cash/index.ts';
import { CoinAcceptorSim } from '../../../terminal-drivers/sim/cash/index.ts';

/** A coin acceptor simulator on the device end of a real pty, and the driver on the host end. */
export interface CoinRig {
  pty: PtyPair;
  sim: CoinAcceptorSim;
  bus: CcTalkBus;
  acceptor: CoinAcceptor;
  /** Credits in the order the host recorded them (what a ledger would hold). */
  ledger: CoinCredit[];
  /**
   * Stops the driver and starts a new one on the same wire, as a host process that restarts. With
   * `resumeFromLedger` the new driver resumes from the last counter in the ledger, read after the
   * old driver stopped (a dead process writes nothing more).
   */
  restartHost(options?: Partial<CoinAcceptorOptions>, resumeFromLedger?: boolean): Promise<void>;
  close(): Promise<void>;
}

export async function openCoinRig(echo: boolean, options: Partial<CoinAcceptorOptions> = {}, busOptions: Partial<CcTalkBusOptions> = {}): Promise<CoinRig> {
  const pty = await openTestPty('coin');
  const sim = await CoinAcceptorSim.open(pty.devicePath, { echo });
  const ledger: CoinCredit[] = [];
  const onCredit = async (c: CoinCredit): Promise<void> => {
    ledger.push(c);
  };
  const busOpts: CcTalkBusOptions = { echo, timeoutMs: 100, retries: 1, ...busOptions };
  const rig: CoinRig = {
    pty,
    sim,
    ledger,
    bus: await openCcTalkBus(pty.hostPath, busOpts),
    acceptor: new CoinAcceptor({ bus: undefined as unknown as CcTalkBus, onCredit }),
    async restartHost(more = {}, resumeFromLedger = false) {
      await rig.acceptor.stop();
      await rig.bus.close();
      if (resumeFromLedger) more = { ...more, resumeCounter: ledger.at(-1)?.eventCounter ?? 0 };
      rig.bus = await openCcTalkBus(pty.hostPath, busOpts);
      rig.acceptor = new CoinAcceptor({ bus: rig.bus, onCredit, pollMs: 20, ...options, ...more });
      await rig.acceptor.start();
    },
    async close() {
      await rig.acceptor.stop();
      await rig.bus.close();
      await sim.close();
      await pty.close();
    },
  };
  rig.acceptor = new CoinAcceptor({ bus: rig.bus, onCredit, pollMs: 20, ...options });
  await rig.acceptor.start();
  return rig;
}

/** Waits until `check` holds, polling every 10 ms; fails with `what` after `timeoutMs`. */
export async function until(check: () => boolean, what: string, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
