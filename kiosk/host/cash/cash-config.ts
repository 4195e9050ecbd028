/**
 * The cash devices of a demo automatic cash desk: one hopper per coin value on the ccTalk bus
 * (addresses 3 up), as `cupk cash refill --hopper N` names them.
 */
export const DEFAULT_HOPPERS: readonly { address: number; valueCents: number }[] = [
  { address: 3, valueCents: 200 },
  { address: 4, valueCents: 100 },
  { address: 5, valueCents: 50 },
  { address: 6, valueCents: 20 },
  { address: 7, valueCents: 10 },
];

export const hopperDevice = (address: number): string => `hopper:${address}`;
