import type { Citizen } from '../types.ts';

/** Demo citizens: the simulated health cards, the demo bookings and the tests all use these. */
export const DEMO_CITIZENS: readonly Citizen[] = [
  { taxCode: 'RSSMRA85T10A562S', surname: 'Rossi', name: 'Mario', sex: 'M', birthDate: '1985-12-10', birthplaceCode: 'A562', cardExpiry: '2031-12-31' },
  // Born in Ukraine: a foreign birthplace is Z + 3 digits.
  { taxCode: 'KVLLNO72C55Z138F', surname: 'Kovalenko', name: 'Olena', sex: 'F', birthDate: '1972-03-15', birthplaceCode: 'Z138', cardExpiry: '2030-06-30' },
  // An omocode: the last birthplace digit is written as V.
  { taxCode: 'VRDGPP50H22D96VF', surname: 'Verdi', name: 'Giuseppe', sex: 'M', birthDate: '1950-06-22', birthplaceCode: 'D969', cardExpiry: '2029-01-31' },
  // Her card has expired: the kiosk must say so.
  { taxCode: 'SPSLCU40A41D969K', surname: 'Esposito', name: 'Lucia', sex: 'F', birthDate: '1940-01-01', birthplaceCode: 'D969', cardExpiry: '2024-01-31' },
  // A child under 6.
  { taxCode: 'FRRLCU22M15D969I', surname: 'Ferrari', name: 'Luca', sex: 'M', birthDate: '2022-08-15', birthplaceCode: 'D969', cardExpiry: '2032-08-15' },
  { taxCode: 'BNCGLI90E50H501O', surname: 'Bianchi', name: 'Giulia', sex: 'F', birthDate: '1990-05-10', birthplaceCode: 'H501', cardExpiry: '2030-05-10' },
];

/** The demo citizen with that tax code, if any. */
export function demoCitizen(taxCode: string): Citizen | undefined {
  return DEMO_CITIZENS.find((c) => c.taxCode === taxCode.trim().toUpperCase());
}
