/**
 * What the A = 0 results of a 159 reply mean (ccTalk generic specification, bill event codes),
 * and the route codes of 154. Pure: shared by the bill validator driver, its simulator and tests.
 */

/** B when A = 0 in a 159 reply: a status of the validator, not a bill. */
export const BillStatus = {
  /** 0: a bill was inserted while the master inhibit was on; it went back. */
  MASTER_INHIBIT_ACTIVE: 0,
  /** 1: the bill held in escrow went back to the citizen (route 0, or the escrow timed out). */
  RETURNED_FROM_ESCROW: 1,
  /** 2: not a bill the validator recognises. */
  INVALID_VALIDATION: 2,
  /** 3: the bill could not be moved through the validator to be read. */
  INVALID_TRANSPORT: 3,
  /** 4: a bill type inhibited by the 231 mask. */
  INHIBITED_SERIAL: 4,
  /** 5: a bill type inhibited by the validator's own switches. */
  INHIBITED_SWITCHES: 5,
  /** 6: a bill stuck in the transport where it can still be pulled out (unsafe mode). */
  JAM_TRANSPORT_UNSAFE: 6,
  JAM_STACKER: 7,
  /** 8: a bill pulled back after validation: a fraud attempt. */
  PULLED_BACK: 8,
  TAMPER: 9,
  STACKER_OK: 10,
  STACKER_REMOVED: 11,
  STACKER_INSERTED: 12,
  STACKER_FAULTY: 13,
  STACKER_FULL: 14,
  STACKER_JAMMED: 15,
  /** 16: a bill stuck in the transport where nobody can reach it (safe mode). */
  JAM_TRANSPORT_SAFE: 16,
  OPTO_FRAUD: 17,
  STRING_FRAUD: 18,
  ANTI_STRING_FAULTY: 19,
} as const;

/** The data byte of 154 (route bill). */
export const BillRoute = {
  RETURN: 0,
  STACK: 1,
  /** 255: keep the bill in escrow longer, while the host still decides. */
  EXTEND_ESCROW: 255,
} as const;

/** What 154 answers in its ACK data when it could not route. */
export const BillRouteReply = {
  /** 254: there is no bill in escrow (it was returned by timeout, pulled, or the device reset). */
  ESCROW_EMPTY: 254,
  /** 255: the validator tried and failed (stacker full or jammed, bill stuck). */
  FAILED: 255,
} as const;

/** B of a bill result (A ≠ 0): where the validated bill is. */
export const BillPosition = {
  STACKED: 0,
  ESCROW: 1,
} as const;

export type BillStatusKind =
  | { event: 'returned' }
  | { event: 'rejected'; reason: 'master-inhibit' | 'invalid' | 'inhibited' }
  | { event: 'fault'; kind: 'jam' | 'fraud' | 'tamper' | 'other' }
  | { event: 'stacker'; state: 'ok' | 'removed' | 'inserted' | 'faulty' | 'full' | 'jammed' };

const STACKER_STATES: Readonly<Record<number, 'ok' | 'removed' | 'inserted' | 'faulty' | 'full' | 'jammed'>> = {
  [BillStatus.STACKER_OK]: 'ok',
  [BillStatus.STACKER_REMOVED]: 'removed',
  [BillStatus.STACKER_INSERTED]: 'inserted',
  [BillStatus.STACKER_FAULTY]: 'faulty',
  [BillStatus.STACKER_FULL]: 'full',
  [BillStatus.STACKER_JAMMED]: 'jammed',
};
const JAMS: ReadonlySet<number> = new Set<number>([BillStatus.JAM_TRANSPORT_UNSAFE, BillStatus.JAM_STACKER, BillStatus.JAM_TRANSPORT_SAFE]);
const FRAUDS: ReadonlySet<number> = new Set<number>([BillStatus.PULLED_BACK, BillStatus.OPTO_FRAUD, BillStatus.STRING_FRAUD]);

/**
 * Which family a bill status belongs to: the citizen got the bill back (returned, rejected), the
 * validator needs a technician (jam, stacker), or someone tried to cheat it (fraud, tamper).
 */
export function classifyBillStatus(code: number): BillStatusKind {
  switch (code) {
    case BillStatus.RETURNED_FROM_ESCROW:
      return { event: 'returned' };
    case BillStatus.MASTER_INHIBIT_ACTIVE:
      return { event: 'rejected', reason: 'master-inhibit' };
    case BillStatus.INVALID_VALIDATION:
    case BillStatus.INVALID_TRANSPORT:
      return { event: 'rejected', reason: 'invalid' };
    case BillStatus.INHIBITED_SERIAL:
    case BillStatus.INHIBITED_SWITCHES:
      return { event: 'rejected', reason: 'inhibited' };
    case BillStatus.TAMPER:
      return { event: 'fault', kind: 'tamper' };
  }
  const stacker = STACKER_STATES[code];
  if (stacker) return { event: 'stacker', state: stacker };
  if (JAMS.has(code)) return { event: 'fault', kind: 'jam' };
  if (FRAUDS.has(code)) return { event: 'fault', kind: 'fraud' };
  return { event: 'fault', kind: 'other' };
}
