import { randomUUID } from 'node:crypto';
import { CupError } from '@cup-kiosk/sync-service/domain';
import type { PayoutStep } from '@cup-kiosk/terminal-drivers/cash';
import type { ServiceAcceptanceResult, ServicePayoutResult, ServiceTestCredit } from '../../bridge/service-api.ts';
import { hopperDevice } from '../cash/cash-config.ts';
import type { CashLedger } from '../cash/cash-ledger.ts';
import type { CashDeskPort } from '../devices/cash-desk.ts';
import type { CashCredit } from '../ports.ts';

/** What the cash tests need of the cash desk. */
export type ServiceCashPort = Pick<CashDeskPort, 'coinValues' | 'billValues' | 'accept' | 'disable' | 'settle' | 'payout'>;

/** Default and longest time the acceptance test takes coins and bills. */
export const ACCEPTANCE_DEFAULT_S = 30;
export const ACCEPTANCE_MAX_S = 120;

interface RunningTest {
  technician: string;
  credits: ServiceTestCredit[];
  first: () => void;
}

/**
 * The technician's cash tests. A coin or bill taken in the acceptance test goes where any other
 * goes, the cash box: it is recorded as a credit marked `test` with no payment, counted in the
 * cash box and printed at the next emptying, as a technician expects of a test coin he does not
 * get back. The payout test pays one coin from a chosen hopper to the tray, with an intent
 * before and a result after, like change: a crash in between is settled at the next start.
 */
export class ServiceCash {
  private test: RunningTest | null = null;

  constructor(
    private readonly desk: ServiceCashPort,
    private readonly ledger: CashLedger,
    private readonly hoppers: readonly { address: number; valueCents: number }[],
    private readonly onPayoutStep: (step: PayoutStep) => void = () => {},
  ) {}

  /** Whether credits now belong to the acceptance test (the host routes them here). */
  takesCredits(): boolean {
    return this.test !== null;
  }

  /** Records a coin or bill of the acceptance test in the ledger; resolves once it is durable. */
  async recordTestCredit(credit: CashCredit): Promise<void> {
    const test = this.test;
    const fresh = await this.ledger.appendNow({
      kind: 'credit',
      key: credit.key,
      device: credit.device,
      valueCents: credit.valueCents,
      count: 1,
      paymentId: null,
      // eventCounter as every credit has it: the desk resumes from it after a restart.
      detail: { eventCounter: credit.eventCounter, test: true, technician: test?.technician ?? 'technician' },
    });
    if (!fresh || !test) return;
    test.credits.push({ device: credit.device, valueCents: credit.valueCents });
    test.first();
  }

  /** Takes every coin and bill for `seconds` or until the first one, then stops taking and settles. */
  async acceptanceTest(technician: string, seconds = ACCEPTANCE_DEFAULT_S): Promise<ServiceAcceptanceResult> {
    if (!Number.isInteger(seconds) || seconds < 1 || seconds > ACCEPTANCE_MAX_S) {
      throw new CupError('SERVICE_TEST_TIME_INVALID', `the acceptance test runs 1 to ${ACCEPTANCE_MAX_S} s, not ${seconds}`);
    }
    let first!: () => void;
    const got = new Promise<void>((r) => (first = r));
    const test: RunningTest = { technician, credits: [], first };
    this.test = test;
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      await this.desk.accept({ coins: this.desk.coinValues, bills: this.desk.billValues });
      await Promise.race([got, new Promise<void>((r) => (timer = setTimeout(r, seconds * 1000)))]);
    } finally {
      clearTimeout(timer);
      await this.desk.disable();
      // A coin already in the chute is still the test's: it is recorded before the test ends.
      await this.desk.settle().catch(() => {});
      this.test = null;
    }
    const { cashboxCents } = await this.ledger.levels();
    return { credits: test.credits, totalCents: test.credits.reduce((s, c) => s + c.valueCents, 0), cashboxCents };
  }

  /** Pays one coin from the hopper at `address` to the tray. */
  async payoutTest(technician: string, address: number): Promise<ServicePayoutResult> {
    const hopper = this.hoppers.find((h) => h.address === address);
    if (!hopper) throw new CupError('SERVICE_HOPPER_UNKNOWN', `no hopper at address ${address}: ${this.hoppers.map((h) => h.address).join(', ')}`);
    const device = hopperDevice(address);
    const level = async () => Math.max(0, (await this.ledger.levels()).hoppers[device]?.count ?? 0);
    const count = await level();
    if (count < 1) throw new CupError('SERVICE_HOPPER_EMPTY', `the ledger says hopper ${address} is empty: refill it first`);
    // The key has the shape of a payout step's, so recovery settles an intent left without result.
    const id = `service-test:${randomUUID()}`;
    let step: PayoutStep | undefined;
    await this.desk.payout(hopper.valueCents, [{ id: address, valueCents: hopper.valueCents, count }], {
      beforeDispense: async (line, status) => {
        await this.ledger.appendNow({ kind: 'payout-intent', key: `payout:${id}:1`, device, valueCents: line.valueCents, count: line.count, detail: { counterBefore: status.eventCounter, test: true, technician } });
      },
      afterDispense: async (s) => {
        step = s;
        await this.ledger.appendNow({ kind: 'payout-result', key: `payout-result:${id}:1`, device, valueCents: s.valueCents, count: s.paid, detail: { unpaid: s.unpaid, test: true, technician, ...(s.error ? { error: s.error } : {}) } });
        this.onPayoutStep(s);
      },
    });
    return { hopper: address, valueCents: hopper.valueCents, paid: step?.paid ?? 0, level: await level(), ...(step?.error ? { error: step.error } : {}) };
  }
}
