import { makeChange, type CoinStock } from './change.ts';
import { CannotMakeChangeError, InvalidCashAmountError } from './errors.ts';

/**
 * Which coins and bills the kiosk may take now, pure. A value is acceptable when, once inserted,
 * the change owed (if any) can be paid exactly from the hoppers: the kiosk never takes money it
 * cannot give change for. The same rule sets the inhibits of the devices and decides whether a
 * bill in escrow is stacked or returned, so the screen and the devices never disagree.
 */
export interface AcceptanceState {
  /** What the citizen must pay, in cents. */
  dueCents: number;
  /** What the devices credited so far for this payment, in cents. */
  creditedCents: number;
  /** Coins in the hoppers: value in cents → count. */
  hopperStock: CoinStock;
}

export interface DeviceValues {
  coinValuesCents: readonly number[];
  billValuesCents: readonly number[];
}

export type AcceptanceVerdict =
  /** Inserting it leaves something still to pay, or pays exactly: no change. */
  | { acceptable: true; changeCents: 0 }
  /** It overpays by `changeCents`, which the hoppers can pay exactly. */
  | { acceptable: true; changeCents: number }
  /** The payment is complete: nothing more is taken. */
  | { acceptable: false; reason: 'paid' }
  /** It overpays by `changeCents`, which the hoppers cannot pay exactly. */
  | { acceptable: false; reason: 'no-change'; changeCents: number };

function checkCents(name: string, v: number, positive = false): void {
  if (!Number.isSafeInteger(v) || v < 0 || (positive && v === 0)) {
    throw new InvalidCashAmountError(`${name} must be a ${positive ? 'positive' : 'non-negative'} integer of cents, got ${v}`, { [name]: v });
  }
}

/** What inserting a coin or bill of `valueCents` would mean now. */
export function judgeValue(state: AcceptanceState, valueCents: number): AcceptanceVerdict {
  checkCents('dueCents', state.dueCents);
  checkCents('creditedCents', state.creditedCents);
  checkCents('valueCents', valueCents, true);
  if (state.creditedCents >= state.dueCents) return { acceptable: false, reason: 'paid' };
  const changeCents = state.creditedCents + valueCents - state.dueCents;
  if (changeCents <= 0) return { acceptable: true, changeCents: 0 };
  try {
    makeChange(changeCents, state.hopperStock);
    return { acceptable: true, changeCents };
  } catch (e) {
    if (e instanceof CannotMakeChangeError) return { acceptable: false, reason: 'no-change', changeCents };
    throw e;
  }
}

export function canAccept(state: AcceptanceState, valueCents: number): boolean {
  return judgeValue(state, valueCents).acceptable;
}

/** The values among `valuesCents` that may be inserted now, ascending, each once. */
export function acceptableValues(state: AcceptanceState, valuesCents: readonly number[]): number[] {
  return [...new Set(valuesCents)].sort((a, b) => a - b).filter((v) => canAccept(state, v));
}

/** The values to enable on each device now (the rest stay inhibited). */
export function acceptancePlan(state: AcceptanceState, devices: DeviceValues): { coins: number[]; bills: number[] } {
  return { coins: acceptableValues(state, devices.coinValuesCents), bills: acceptableValues(state, devices.billValuesCents) };
}

/**
 * For a bill held in escrow: stack it only if the kiosk could give the change it would owe.
 * A bill of an inhibited value can still reach escrow (inhibits raced with a payout), hence the check.
 */
export function escrowDecision(state: AcceptanceState, valueCents: number): 'stack' | 'return' {
  return canAccept(state, valueCents) ? 'stack' : 'return';
}
