/**
 * The developer panel's and the CLI's handle on the simulated devices: the hands of a citizen
 * at a kiosk (insert a card, drop a coin) and a view of what the printer printed.
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
  receipts(): { at: string; text: string; svg?: string }[];
  printerState(): { paper: string; coverOpen: boolean; offline: boolean };
  /** Faults a technician meets: the cover left open, the roll run out (and reloaded), offline. */
  setPrinter(fault: { coverOpen?: boolean; paperOut?: boolean; offline?: boolean }): void;
}
