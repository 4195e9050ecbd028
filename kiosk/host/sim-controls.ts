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
  insertCoin(cents: number): Promise<void>;
  receipts(): { at: string; text: string; svg?: string }[];
  printerState(): { paper: string; coverOpen: boolean; offline: boolean };
  /** Faults a technician meets: the cover left open, the roll run out (and reloaded), offline. */
  setPrinter(fault: { coverOpen?: boolean; paperOut?: boolean; offline?: boolean }): void;
}
