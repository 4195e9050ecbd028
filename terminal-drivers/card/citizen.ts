import { parseTaxCode, isCupError, type Citizen, type IsoDate } from '@cup-kiosk/sync-service/domain';
import { CardDataCorruptError, CardExpiredError } from './errors.ts';
import type { PersonalData } from './ts-cns.ts';

/** A cadastral code: a letter and three digits (`H501`; `Z138` for a foreign country). */
const CADASTRAL_CODE = /^[A-Z]\d{3}$/;

/** Today in Italy: a card expires at the end of its expiry day, Rome time, wherever the kiosk's clock is set. */
export function romeToday(now: Date = new Date()): IsoDate {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Rome', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/**
 * Turns the chip's personal data into the citizen the kiosk works with. The codice fiscale is
 * checked (format, check character, date): a chip whose code fails the check is damaged, since a
 * card is written once and never typed by hand. The birthplace is the chip's when it is a
 * cadastral code, else the one inside the codice fiscale.
 *
 * The check does not compare the code with the birth data on the chip: codes issued with a wrong
 * date stay valid by law, and their holders must still be let in.
 *
 * @throws CardDataCorruptError (CARD_DATA_CORRUPT) when the codice fiscale does not check.
 * @throws CardExpiredError (CARD_EXPIRED) when `today` is after the expiry date; it carries the citizen.
 */
export function citizenFromPersonalData(data: PersonalData, now: Date = new Date()): Citizen {
  let info: ReturnType<typeof parseTaxCode>;
  try {
    info = parseTaxCode(data.taxCode, now);
  } catch (e) {
    if (!isCupError(e)) throw e;
    throw new CardDataCorruptError(`The codice fiscale on the card does not check: ${e.message}`, {
      reason: 'taxCode',
      taxCodeError: e.code,
      taxCode: data.taxCode,
    });
  }
  const fromChip = [data.birthplace, data.birthCountry].map((s) => s.toUpperCase()).find((s) => CADASTRAL_CODE.test(s));
  const citizen: Citizen = {
    taxCode: info.taxCode,
    surname: data.surname,
    name: data.name,
    sex: data.sex,
    birthDate: data.birthDate,
    birthplaceCode: fromChip ?? info.birthplaceCode,
    cardExpiry: data.expiryDate,
  };
  const today = romeToday(now);
  if (data.expiryDate < today) throw new CardExpiredError(citizen, today);
  return citizen;
}
