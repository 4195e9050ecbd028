import { DEMO_CITIZENS, type Citizen } from '@cup-kiosk/sync-service/domain';
import { encodePersonalData } from '../../card/ts-cns.ts';
import { tsCnsFileSystem, type DedicatedFile } from './card-model.ts';
import { FID_DF_CARD, FID_EF_CARD_NUMBER, FID_MF } from '../../card/apdu.ts';

/**
 * The cards the simulator can insert: one per demo citizen, and the faults a kiosk must tell
 * apart (damaged file, not a health card, mute chip, slow chip).
 */

export interface CardProfile {
  id: string;
  /** For the developer panel and the CLI. */
  label: string;
  atr: Uint8Array;
  files: DedicatedFile;
  /** Never answer a command APDU (the ATR still comes, as from a chip that powers up then hangs). */
  mute?: boolean;
  /** Delay before each response APDU, in ms. */
  answerDelayMs?: number;
  /** The citizen the driver should read, when the card is a good one. */
  citizen?: Citizen;
  /** The error code the driver should report, when the card is a bad one. */
  expectedError?: string;
}

/** ATR = TS T0 interface bytes historical bytes TCK; TCK makes the XOR of T0..TCK zero (needed once T=1 is offered). */
export function withTck(withoutTck: readonly number[]): Uint8Array {
  const tck = withoutTck.slice(1).reduce((x, b) => x ^ b, 0);
  return Uint8Array.from([...withoutTck, tck]);
}

/**
 * An ATR in the shape of the Italian CNS chips: direct convention, T=1, IFSC FE, and the
 * historical bytes carrying "CNS" (43 4E 53) as those cards do.
 */
export const CNS_ATR = withTck([
  0x3b, // TS: direct convention
  0xff, // T0: TA1 TB1 TC1 TD1 follow, 15 historical bytes
  0x18, // TA1: Fi/Di
  0x00, // TB1
  0xff, // TC1: extra guard time 255 (minimal in T=1)
  0x81, // TD1: TD2 follows, T=1
  0x31, // TD2: TA3 TB3 follow, T=1
  0xfe, // TA3: IFSC 254
  0x55, // TB3: BWI / CWI
  ...[0x00, 0x6b, 0x02, 0x09, 0x02, 0x00, 0x01, 0x01, 0x01], // historical: issuer and chip data
  ...[0x43, 0x4e, 0x53], // "CNS"
  ...[0x10, 0x31, 0x80],
]);

/** A generic JavaCard ("JCOP31V232" in its historical bytes): a chip, but not a health card. */
export const OTHER_ATR = withTck([
  0x3b, // TS
  0x8a, // T0: TD1 follows, 10 historical bytes
  0x80, // TD1: TD2 follows, T=0
  0x01, // TD2: T=1
  ...Array.from('JCOP31V232', (c) => c.charCodeAt(0)),
]);

/** Expiry of a demo card whose citizen has none. */
const DEFAULT_EXPIRY = '2031-06-30';

/** Demo cards are issued for six years, so the issue date follows from the expiry (29 Feb moved to the 28th). */
function issueDateFor(expiry: string): string {
  const monthDay = expiry.slice(4) === '-02-29' ? '-02-28' : expiry.slice(4);
  return `${Number(expiry.slice(0, 4)) - 6}${monthDay}`;
}

function cardOf(citizen: Citizen, serial: number): DedicatedFile {
  const expiry = citizen.cardExpiry ?? DEFAULT_EXPIRY;
  const bornAbroad = citizen.birthplaceCode.startsWith('Z');
  const personal = encodePersonalData({
    issuerCode: '030', // a region code, as issuers write it
    issueDate: issueDateFor(expiry),
    expiryDate: expiry,
    surname: citizen.surname.toUpperCase(),
    name: citizen.name.toUpperCase(),
    birthDate: citizen.birthDate,
    sex: citizen.sex,
    taxCode: citizen.taxCode,
    citizenship: bornAbroad ? '' : '100', // ISTAT code of Italy
    birthplace: bornAbroad ? '' : citizen.birthplaceCode,
    birthCountry: bornAbroad ? citizen.birthplaceCode : '',
  });
  return tsCnsFileSystem(personal, `80380001${String(serial).padStart(8, '0')}`);
}

/** The citizen as the driver reads them back: names in capitals, as issuers write them on the chip. */
function asOnCard(citizen: Citizen): Citizen {
  return { ...citizen, surname: citizen.surname.toUpperCase(), name: citizen.name.toUpperCase(), cardExpiry: citizen.cardExpiry ?? DEFAULT_EXPIRY };
}

/** `Mario Rossi` → `mario-rossi`, the id the CLI and the developer panel use. */
export function profileIdOf(citizen: Citizen): string {
  return `${citizen.name}-${citizen.surname}`.toLowerCase().replace(/[^a-z]+/g, '-');
}

/** Puts 00 bytes over part of the personal data, as a failed write leaves a chip. */
function damaged(files: DedicatedFile): DedicatedFile {
  const df = files.children.find((f) => f.kind === 'DF' && f.fid === 0x1100);
  const ef = df?.kind === 'DF' ? df.children[0] : undefined;
  if (ef?.kind === 'EF') {
    const data = ef.data.slice();
    data.fill(0x00, 40, 48);
    ef.data = data;
  }
  return files;
}

/** Changes the check character of the codice fiscale on the chip, leaving the file well formed. */
function badTaxCode(citizen: Citizen): Citizen {
  const last = citizen.taxCode.at(-1) === 'A' ? 'B' : 'A';
  return { ...citizen, taxCode: citizen.taxCode.slice(0, 15) + last };
}

function buildProfiles(): CardProfile[] {
  const citizens = DEMO_CITIZENS;
  const profiles: CardProfile[] = citizens.map((citizen, i) => {
    const expired = citizen.cardExpiry !== undefined && citizen.cardExpiry < new Date().toISOString().slice(0, 10);
    return {
      id: profileIdOf(citizen),
      label: `${citizen.name} ${citizen.surname}${expired ? ' (expired card)' : ''}`,
      atr: CNS_ATR,
      files: cardOf(citizen, i + 1),
      citizen: asOnCard(citizen),
      ...(expired ? { expectedError: 'CARD_EXPIRED' } : {}),
    };
  });
  const first = citizens[0]!;
  const last = citizens[citizens.length - 1]!;
  profiles.push(
    { id: 'damaged', label: 'Damaged personal data', atr: CNS_ATR, files: damaged(cardOf(first, 90)), expectedError: 'CARD_DATA_CORRUPT' },
    { id: 'bad-tax-code', label: 'Codice fiscale that does not check', atr: CNS_ATR, files: cardOf(badTaxCode(first), 91), expectedError: 'CARD_DATA_CORRUPT' },
    {
      id: 'not-ts-cns',
      label: 'Not a health card',
      atr: OTHER_ATR,
      files: { kind: 'DF', fid: FID_MF, children: [{ kind: 'DF', fid: FID_DF_CARD, children: [{ kind: 'EF', fid: FID_EF_CARD_NUMBER, data: new Uint8Array(8) }] }] },
      expectedError: 'CARD_NOT_TS_CNS',
    },
    { id: 'mute', label: 'Mute chip', atr: CNS_ATR, files: cardOf(first, 92), mute: true, expectedError: 'CARD_MUTE' },
    {
      id: 'slow',
      label: `${last.name} ${last.surname} (slow chip)`,
      atr: CNS_ATR,
      files: cardOf(last, 93),
      answerDelayMs: 150,
      citizen: asOnCard(last),
    },
  );
  return profiles;
}

let cache: CardProfile[] | undefined;

/** Every demo card, built once (file trees are shared; the model never writes to them). */
export function cardProfiles(): readonly CardProfile[] {
  cache ??= buildProfiles();
  return cache;
}

export function cardProfile(id: string): CardProfile | undefined {
  return cardProfiles().find((p) => p.id === id);
}
