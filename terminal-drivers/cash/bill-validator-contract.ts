import type { CcTalkBus } from './bus.ts';
import type { DeviceIdentity } from './device-identity.ts';

/**
 * The contract of the bill validator driver (bill-validator.ts), written once:
 * - A bill held in escrow (B = 1) is offered to `onEscrow`; the driver routes it with 154 as the
 *   host decides, and keeps it in escrow (154 [255]) every `escrowExtendMs` while the decision is
 *   pending. A decision that rejects, or a bill of a type the driver does not know, is returned.
 * - Only the newest event of a reply can be a bill still in escrow: an older escrow event was
 *   already followed by its end (stacked, returned, pulled), so it is not offered again.
 * - A stacked bill (B = 0) is a credit and reaches `onCredit` once, as for the coin acceptor:
 *   the driver does not count the event as handled until `onCredit` resolved; a rejection emits
 *   `credit-failed` and the event is offered again on the next poll (the handler must be
 *   idempotent by device serial and event counter).
 * - A route whose reply was lost is sent again on the next poll that shows no new event (the
 *   same bill is still held); never after a new event, which could be another bill.
 * - Lost events, reset and offline/online as for the coin acceptor.
 * - Started without `resumeCounter`, the driver returns a bill it finds still in escrow: no host
 *   recorded a decision for it.
 * - `stop()` waits for a pending `onEscrow`: a host that stops the driver settles its decisions.
 */
export interface BillCredit {
  valueCents: number;
  billType: number;
  eventCounter: number;
  deviceSerial: number;
}

export interface EscrowedBill {
  valueCents: number;
  billType: number;
  eventCounter: number;
}

export type EscrowDecision = 'stack' | 'return';

export type BillValidatorIdentity = DeviceIdentity;

export interface BillValidatorOptions {
  bus: CcTalkBus;
  /** Where the host writes the credit durably; the driver waits for it. */
  onCredit: (credit: BillCredit) => Promise<void>;
  /** The host's decision for a bill in escrow (typically from `escrowDecision` of acceptance.ts). */
  onEscrow: (bill: EscrowedBill) => Promise<EscrowDecision>;
  /** Device address. Default 40. */
  address?: number;
  /** Period of the 159 poll in ms. Default 100. */
  pollMs?: number;
  /** Consecutive failed polls before `offline`. Default 3. */
  offlineAfterMisses?: number;
  /** How often to extend the escrow time while `onEscrow` is pending, in ms. Default 2000. */
  escrowExtendMs?: number;
  /** The last event counter the host recorded for this device; see CoinAcceptorOptions. */
  resumeCounter?: number;
}

export type BillFaultKind = 'jam' | 'fraud' | 'tamper' | 'unknown-bill' | 'other';
export type StackerState = 'ok' | 'removed' | 'inserted' | 'faulty' | 'full' | 'jammed';

export interface BillValidatorEvents {
  credit: [BillCredit];
  escrow: [EscrowedBill];
  routed: [{ decision: EscrowDecision; eventCounter: number }];
  'route-failed': [{ decision: EscrowDecision; eventCounter: number; code: string }];
  returned: [{ eventCounter: number }];
  rejected: [{ reason: 'master-inhibit' | 'invalid' | 'inhibited'; code: number; eventCounter: number }];
  fault: [{ kind: BillFaultKind; code: number; eventCounter: number }];
  stacker: [{ state: StackerState; code: number; eventCounter: number }];
  'lost-events': [{ lost: number; lastSeen: number; counter: number }];
  reset: [];
  offline: [{ code: string }];
  online: [];
  'credit-failed': [{ eventCounter: number; error: unknown }];
  'escrow-failed': [{ eventCounter: number; error: unknown }];
}
