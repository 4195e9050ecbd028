/** Money is always integer euro cents. */
export type Cents = number;
/** A Europe/Rome calendar date, `YYYY-MM-DD`. */
export type IsoDate = string;

export type Sex = 'M' | 'F';

/** A citizen as the terminal knows them after identification. */
export interface Citizen {
  taxCode: string;
  surname: string;
  name: string;
  sex: Sex;
  birthDate: IsoDate;
  /** Cadastral code: a letter and three digits (`H501`), `Z` + 3 digits for a foreign country. */
  birthplaceCode: string;
  /** Expiry of the health card the citizen was identified with, when known. */
  cardExpiry?: IsoDate;
}

export interface Provider {
  id: string;
  name: string;
  /** Fiscal code of the provider (11 digits), the creditor of the money collected. */
  fiscalCode: string;
}

export interface Place {
  name: string;
  address: string;
}

/** One outpatient service as booked: its catalogue code and tariff at booking time. */
export interface BookedService {
  code: string;
  description: string;
  tariffCents: Cents;
}

/** A prescription holds up to 8 services of one specialist branch. */
export interface Prescription {
  /** NRE of the electronic prescription, when there is one. */
  nre?: string;
  services: BookedService[];
}

export type BookingStatus = 'booked' | 'paid' | 'cancelled';

export interface Booking {
  /** 12 digits, the last two ISO 7064 MOD 97-10 check digits. */
  code: string;
  taxCode: string;
  provider: Provider;
  place: Place;
  /** Local start time of the appointment, `YYYY-MM-DDTHH:mm` Europe/Rome. */
  startsAt: string;
  prescriptions: Prescription[];
  /** Exemption codes on the prescriptions (`E01`, `013`, ...). */
  exemptions: string[];
  status: BookingStatus;
  /** Intramoenia bookings pay the full fee: no ticket rules, no exemption. */
  intramoenia: boolean;
}

/** Household income band 1-4 of a self-certification (DOMAIN.md, demo-3). */
export type IncomeBandNumber = 1 | 2 | 3 | 4;

/** A self-certified income band: kept by the centre, used by every later quote at any terminal. */
export interface IncomeBandDeclaration {
  taxCode: string;
  band: IncomeBandNumber;
  /** Europe/Rome date it was declared; it counts from that day on. */
  declaredOn: IsoDate;
  /** Terminal or desk that took the declaration. */
  where: string;
}
