/**
 * The developer panel's, the CLI's and the tests' handle on the simulated devices: the hands of a
 * citizen at a kiosk (insert a card, drop a coin, scan a slip), a technician's faults, and what the
 * devices themselves did, which is the truth a crash test holds the host's ledger against.
 */
export interface SimControls {
  cards(): { id: string; label: string }[];
  insertedCard(): string | null;
  insertCard(id: string): Promise<void>;
  removeCard(): Promise<void>;
  coinValues(): number[];
  billValues(): number[];
  /** Drops a coin: credited, or returned when the acceptor inhibits its value. */
  insertCoin(cents: number): Promise<'accepted' | 'returned'>;
  /** Feeds a bill; the validator holds it in escrow until the host stacks or returns it. */
  insertBill(cents: number): Promise<string>;
  hopperLevels(): { address: number; valueCents: number; count: number }[];
  /** A technician's hands: coins put into a hopper (what a recorded refill stands for). */
  fillHopper(address: number, count: number): void;
  receipts(): { at: string; text: string; svg?: string }[];
  printerState(): { paper: string; coverOpen: boolean; offline: boolean };
  /** Faults a technician meets: the cover left open, the roll run out (and reloaded), offline. */
  setPrinter(fault: { coverOpen?: boolean; paperOut?: boolean; offline?: boolean }): void;
  /** Injects one fault of the ccTalk devices (see `CASH_FAULTS`). */
  cashFault(fault: CashFault): void;
  /** A barcode read by the scanner, as it sends it down its serial line. */
  scan(text: string): Promise<void>;
  /** What the card terminal does with the next payment (approve, decline, cancel, pin-timeout, lost, late, busy). */
  posNext?(outcome: string): void;
  /** What the devices did, counted on their side of the wire. */
  truth(): DeviceTruth;
  /** The host ends of the device lines, for a host that opens them itself. */
  devicePaths(): DevicePaths;
}

export interface DevicePaths {
  /** The ccTalk wire: coin acceptor, bill validator and hoppers. */
  cashPath: string;
  printerPath: string;
  scannerPath?: string;
  /** The card terminal (nexo over HTTP), where there is one. */
  pos?: { host: string; port: number; poiId: string };
}

/**
 * Faults of the cash devices. `device` names a ccTalk device: `coin`, `bill` or `hopper:N` (N its
 * address, 3 up).
 * - coin-jam, coin-fraud, coin-reject: an event in the coin acceptor's buffer.
 * - bill-jam, bill-fraud (a bill held in escrow is lost in it), bill-reject, stacker-full, and
 *   stacker-emptied (the cash box taken out, emptied and put back).
 * - hopper-empty: the hopper runs out of coins (its coins are taken out); hopper-jam: its next
 *   payout stops after `after` coins (default 0).
 * - power-cycle: the device loses power and comes back (counter 0, inhibited).
 * - silence: the device answers nothing while `on` (default true); corrupt: its next `count`
 *   replies (default 1) carry a bad checksum; echo: the wire echoes the host's bytes or not.
 */
export const CASH_FAULTS = [
  'coin-jam',
  'coin-fraud',
  'coin-reject',
  'bill-jam',
  'bill-fraud',
  'bill-reject',
  'stacker-full',
  'stacker-emptied',
  'hopper-empty',
  'hopper-jam',
  'power-cycle',
  'silence',
  'corrupt',
  'echo',
] as const;

export type CashFaultName = (typeof CASH_FAULTS)[number];

export interface CashFault {
  fault: CashFaultName;
  device?: string;
  after?: number;
  on?: boolean;
  count?: number;
}

export interface HopperTruth {
  address: number;
  valueCents: number;
  /** Coins in it now. */
  stock: number;
  /** Coins it paid out since the devices started. */
  totalPaid: number;
  /** Coins taken out by `hopper-empty` faults. */
  removed: number;
  /** True while a payout is under way. */
  paying: boolean;
}

export interface DeviceTruth {
  coins: {
    /** The device as the host's ledger names it (`coin:<serial>`). */
    device: string;
    /** Every coin the acceptor took, in order, with the event counter it carried. */
    accepted: { counter: number; valueCents: number }[];
    acceptedCents: number;
    /** The device's event counter now, and the one its last 229 reply carried. */
    counter: number;
    polledCounter: number;
  };
  bills: {
    device: string;
    /** Every bill stacked into the cash box, in order (values in cents). */
    stacked: number[];
    stackedCents: number;
    /** Bills that went into escrow and came back out to the citizen. */
    returned: number;
    /** Bills held in escrow when a jam or a fraud took them. */
    lost: number;
    escrowCents: number | null;
    counter: number;
    polledCounter: number;
  };
  hoppers: HopperTruth[];
  /** Receipts and vouchers the printer cut. */
  printed: number;
}
