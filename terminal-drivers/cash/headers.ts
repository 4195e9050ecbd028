import { CcTalkBadIdError } from './errors.ts';

/**
 * ccTalk header numbers and addresses we use, named once so the drivers, the simulators and the
 * tests all spell them the same way. Numbers from the ccTalk generic specification, part 2.
 */
export const Header = {
  /** 0: ACK, the header of every successful reply (its data is the answer). */
  REPLY: 0,
  /** 1: reset device (software reset, as after power-up). */
  RESET_DEVICE: 1,
  /** 5: NAK, the device refused the command. */
  NAK: 5,
  /** 6: BUSY, the device cannot take the command now. */
  BUSY: 6,
  /** 154: route bill held in escrow: [0 return, 1 stack, 255 extend escrow]. */
  ROUTE_BILL: 154,
  /** 157: request bill id [type] → 7 ASCII `CCVVVVI`. */
  REQUEST_BILL_ID: 157,
  /** 159: read buffered bill events → [counter][A1][B1]...[A5][B5]. */
  READ_BUFFERED_BILL_EVENTS: 159,
  /** 163: test hopper → flag bytes. */
  TEST_HOPPER: 163,
  /** 164: enable hopper [165 enables, anything else disables]. */
  ENABLE_HOPPER: 164,
  /** 166: request hopper status → [counter][remaining][last paid][last unpaid]. */
  REQUEST_HOPPER_STATUS: 166,
  /** 167: dispense hopper coins [serial lo, mid, hi][count]. */
  DISPENSE_HOPPER_COINS: 167,
  /** 184: request coin id [type 1-16] → 6 ASCII `CCVVVI`. */
  REQUEST_COIN_ID: 184,
  /** 228: modify master inhibit [0 inhibit all, 1 normal]. */
  MODIFY_MASTER_INHIBIT: 228,
  /** 229: read buffered credit or error codes → [counter][A1][B1]...[A5][B5]. */
  READ_BUFFERED_CREDIT: 229,
  /** 231: modify inhibit status [mask lo][mask hi], a 1 bit enables that type. */
  MODIFY_INHIBIT_STATUS: 231,
  /** 242: request serial number → 3 bytes, LSB first. */
  REQUEST_SERIAL_NUMBER: 242,
  /** 244: request product code → ASCII. */
  REQUEST_PRODUCT_CODE: 244,
  /** 245: request equipment category id → ASCII. */
  REQUEST_EQUIPMENT_CATEGORY: 245,
  /** 246: request manufacturer id → ASCII. */
  REQUEST_MANUFACTURER_ID: 246,
  /** 254: simple poll → ACK. */
  SIMPLE_POLL: 254,
} as const;
export type HeaderNumber = (typeof Header)[keyof typeof Header];

/** Default bus addresses (generic specification, table of standard addresses). */
export const Address = {
  BROADCAST: 0,
  HOST: 1,
  COIN_ACCEPTOR: 2,
  /** Payout hoppers take 3 and up, one per coin value. */
  FIRST_HOPPER: 3,
  BILL_VALIDATOR: 40,
} as const;

/** The data byte hosts send with header 164 to enable a hopper (any other value disables). */
export const HOPPER_ENABLE_CODE = 165;

/**
 * Headers whose request can be sent again after a timeout without changing what the device does:
 * reads and polls, and the inhibit setters (setting the same mask twice is the same as once).
 * Dispense, route bill and reset are not here: a lost reply does not mean the command was lost.
 */
const RETRY_SAFE: ReadonlySet<number> = new Set<number>([
  Header.SIMPLE_POLL,
  Header.REQUEST_EQUIPMENT_CATEGORY,
  Header.REQUEST_MANUFACTURER_ID,
  Header.REQUEST_PRODUCT_CODE,
  Header.REQUEST_SERIAL_NUMBER,
  Header.REQUEST_COIN_ID,
  Header.REQUEST_BILL_ID,
  Header.READ_BUFFERED_CREDIT,
  Header.READ_BUFFERED_BILL_EVENTS,
  Header.REQUEST_HOPPER_STATUS,
  Header.TEST_HOPPER,
  Header.MODIFY_INHIBIT_STATUS,
  Header.MODIFY_MASTER_INHIBIT,
  Header.ENABLE_HOPPER,
]);

export function isRetrySafe(header: number): boolean {
  return RETRY_SAFE.has(header);
}

/** Coin acceptor error codes found as B when A = 0 in a 229 reply (generic spec, part 3). */
export const CoinError = {
  NULL_EVENT: 0,
  REJECT_COIN: 1,
  INHIBITED_COIN: 2,
  CREDIT_SENSOR_BLOCKED: 14,
  SORTER_OPTO_BLOCKED: 15,
  CREDIT_SEQUENCE_ERROR: 16,
  COIN_GOING_BACKWARDS: 17,
  COIN_TOO_FAST: 18,
  COIN_TOO_SLOW: 19,
  /** 20: C.O.S. mechanism activated, a coin on a string. */
  COIN_ON_STRING: 20,
  REJECT_SLUG: 25,
  REJECT_SENSOR_BLOCKED: 26,
  MANIFOLD_OPTO_BLOCKED: 32,
  EXTERNAL_LIGHT_ATTACK: 40,
  /** 128-159: inhibited coin of type (code − 127). */
  INHIBITED_TYPE_FIRST: 128,
  INHIBITED_TYPE_LAST: 159,
  /** 254: coin return mechanism activated (flight deck open). */
  RETURN_MECHANISM: 254,
} as const;

const JAM_CODES: ReadonlySet<number> = new Set<number>([
  CoinError.CREDIT_SENSOR_BLOCKED,
  CoinError.SORTER_OPTO_BLOCKED,
  CoinError.REJECT_SENSOR_BLOCKED,
  CoinError.MANIFOLD_OPTO_BLOCKED,
]);
const FRAUD_CODES: ReadonlySet<number> = new Set<number>([
  CoinError.CREDIT_SEQUENCE_ERROR,
  CoinError.COIN_GOING_BACKWARDS,
  CoinError.COIN_TOO_FAST,
  CoinError.COIN_ON_STRING,
  CoinError.EXTERNAL_LIGHT_ATTACK,
]);

export type CoinEventKind = 'rejected' | 'jam' | 'fraud' | 'other';

/**
 * Which family a coin error code belongs to: a plain rejection (the citizen gets the coin back),
 * a jam (needs a technician), a fraud attempt, or something else worth logging.
 */
export function classifyCoinError(code: number): CoinEventKind {
  if (code === CoinError.REJECT_COIN || code === CoinError.INHIBITED_COIN || code === CoinError.REJECT_SLUG) return 'rejected';
  if (code >= CoinError.INHIBITED_TYPE_FIRST && code <= CoinError.INHIBITED_TYPE_LAST) return 'rejected';
  if (JAM_CODES.has(code)) return 'jam';
  if (FRAUD_CODES.has(code)) return 'fraud';
  return 'other';
}

// 'm' (×0.001), '.', 'K' (×1000), 'M' (×10^6) and 'G' may stand in a value field as a decimal
// point with a multiplier, so '2K5' is 2500 and '.50' is 0.5.
const MULTIPLIER: Record<string, number> = { m: 0.001, '.': 1, K: 1e3, M: 1e6, G: 1e9 };

function parseValueField(field: string): number | null {
  const m = /^([0-9]*)([mKMG.]?)([0-9]*)$/.exec(field);
  if (!m || (m[1] === '' && m[3] === '')) return null;
  const [, whole = '', mark = '', frac = ''] = m;
  if (mark === '') return Number(whole);
  return Number(`${whole || '0'}.${frac || '0'}`) * (MULTIPLIER[mark] ?? 1);
}

export interface CashId {
  /** ISO 3166 two-letter code as the device reports it (`EU` for the euro). */
  country: string;
  valueCents: number;
  /** The issue letter (A, B, ...): a new issue of the same coin gets a new letter. */
  issue: string;
}

/**
 * Parses a coin id `CCVVVI` (184): for euro coins the value field is in cents, so `EU200A` is
 * 200 cents. An empty slot (`......` or blanks) returns null.
 */
export function parseCoinId(id: string): CashId | null {
  if (/^[.\s\0]*$/.test(id)) return null;
  const m = /^([A-Z]{2})(.{3})([A-Z0-9])$/.exec(id);
  const value = m ? parseValueField(m[2] ?? '') : null;
  if (!m || value === null || !Number.isInteger(value)) throw new CcTalkBadIdError(id);
  return { country: m[1] ?? '', valueCents: value, issue: m[3] ?? '' };
}

/**
 * Parses a bill id `CCVVVVI` (157): the value field is in whole currency units (scaling factor
 * 100 for the euro), so `EU0010A` is 1000 cents. An empty slot returns null.
 */
export function parseBillId(id: string): CashId | null {
  if (/^[.\s\0]*$/.test(id)) return null;
  const m = /^([A-Z]{2})(.{4})([A-Z0-9])$/.exec(id);
  const value = m ? parseValueField(m[2] ?? '') : null;
  const cents = value === null ? null : Math.round(value * 100);
  if (!m || cents === null || Math.abs(cents - (value ?? 0) * 100) > 1e-6) throw new CcTalkBadIdError(id);
  return { country: m[1] ?? '', valueCents: cents, issue: m[3] ?? '' };
}

/** The coin id a simulator reports for a euro coin of `valueCents` (5 → `EU005A`). */
export function formatCoinId(valueCents: number, country = 'EU', issue = 'A'): string {
  return `${country}${String(valueCents).padStart(3, '0')}${issue}`;
}

/** The bill id a simulator reports for a euro bill of `valueCents` (1000 → `EU0010A`). */
export function formatBillId(valueCents: number, country = 'EU', issue = 'A'): string {
  return `${country}${String(valueCents / 100).padStart(4, '0')}${issue}`;
}
