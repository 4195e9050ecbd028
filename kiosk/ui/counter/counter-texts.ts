/**
 * Every word of the counter operator's own screens, in one map so they can be translated:
 * Italian is what the screens show (pharmacists here work in Italian, as technicians do), English
 * stands beside it for whoever translates or maintains them. What the citizen reads stays in the
 * citizen screens, in ten languages.
 */
export const COUNTER_TEXTS = {
  title: { it: 'Banco farmacia', en: 'Pharmacy counter' },
  loginTitle: { it: 'Accesso operatore', en: 'Operator sign-in' },
  loginLead: { it: 'Digitare il codice operatore e il PIN.', en: 'Type the operator code and the PIN.' },
  code: { it: 'Codice operatore', en: 'Operator code' },
  pin: { it: 'PIN', en: 'PIN' },
  signIn: { it: 'Accedi', en: 'Sign in' },
  checking: { it: 'Verifica in corso…', en: 'Checking…' },
  loginWrong: { it: 'Codice o PIN errato.', en: 'Wrong code or PIN.' },
  locked: { it: 'Troppi PIN errati: accesso bloccato per 5 minuti.', en: 'Too many wrong PINs: sign-in locked for 5 minutes.' },
  disabled: { it: 'Operatore disabilitato: rivolgersi al tecnico.', en: 'Operator disabled: ask the technician.' },
  dayClosed: { it: 'La giornata di questo operatore è già chiusa.', en: "This operator's day is closed already." },
  busy: { it: 'Un pagamento è in corso: concluderlo prima.', en: 'A payment is open: finish it first.' },
  operator: { it: 'Operatore', en: 'Operator' },
  logout: { it: 'Esci', en: 'Sign out' },
  closeDay: { it: 'Chiudi giornata', en: 'Close the day' },
  change: { it: 'Resto da dare', en: 'Change to give' },
  cashTitle: { it: 'Incasso in contanti', en: 'Cash payment' },
  due: { it: 'Da incassare (arrotondato a 5 centesimi)', en: 'To take (rounded to 5 cents)' },
  cardPaid: { it: 'Già pagato con carta', en: 'Paid by card already' },
  tendered: { it: 'Importo ricevuto (€)', en: 'Amount received (€)' },
  exact: { it: 'Importo esatto', en: 'Exact amount' },
  take: { it: 'Incassa', en: 'Take the cash' },
  restByCard: { it: 'Paga con carta (POS)', en: 'Pay by card (POS)' },
  cancel: { it: 'Annulla pagamento', en: 'Cancel the payment' },
  short: { it: 'Importo inferiore al dovuto: nulla è stato registrato.', en: 'Less than due: nothing was recorded.' },
  invalid: { it: 'Importo non valido: digitare euro e centesimi, per esempio 50 o 32,30.', en: 'Not an amount: type euros and cents, e.g. 50 or 32,30.' },
  failed: { it: 'Operazione non riuscita', en: 'Not done' },
  totalsTitle: { it: 'Chiusura della giornata', en: 'Closing the day' },
  totalsLead: { it: 'Controllare i totali e confermare: la chiusura si stampa e si invia alla centrale, poi l’operatore esce.', en: 'Check the totals and confirm: the close prints and goes to the central, then the operator is signed out.' },
  day: { it: 'Giorno', en: 'Day' },
  payments: { it: 'Pagamenti', en: 'Payments' },
  cash: { it: 'Contanti', en: 'Cash' },
  card: { it: 'Carta (POS)', en: 'Card (POS)' },
  total: { it: 'Totale incassato', en: 'Total taken' },
  rounding: { it: 'Arrotondamento contanti', en: 'Cash rounding' },
  byItem: { it: 'Per voce', en: 'By item' },
  byProvider: { it: 'Per ente erogatore', en: 'By provider' },
  item: { it: 'Voce', en: 'Item' },
  provider: { it: 'Ente', en: 'Provider' },
  count: { it: 'Numero', en: 'Count' },
  amount: { it: 'Importo', en: 'Amount' },
  confirmClose: { it: 'Conferma chiusura', en: 'Confirm the close' },
  back: { it: 'Indietro', en: 'Back' },
  closing: { it: 'Chiusura in corso…', en: 'Closing…' },
  closedTitle: { it: 'Giornata chiusa', en: 'Day closed' },
  closedLead: { it: 'La chiusura è registrata, stampata e in invio alla centrale.', en: 'The close is recorded, printed and on its way to the central.' },
  printFailed: { it: 'Stampa non riuscita: la chiusura è comunque registrata.', en: 'Printing failed: the close is recorded all the same.' },
  printed: { it: 'Scontrino di chiusura', en: 'Close sheet' },
  done: { it: 'Fine', en: 'Done' },
  signingOut: { it: 'Uscita in corso…', en: 'Signing out…' },
} as const;

export type CounterTextKey = keyof typeof COUNTER_TEXTS;

/** The operator screens speak Italian. */
export const ct = (key: CounterTextKey): string => COUNTER_TEXTS[key].it;

/** Why a counter command was refused, in words; the code itself where no words are written. */
export function counterErrorText(error: { code: string; message: string }): string {
  const key: Partial<Record<string, CounterTextKey>> = {
    COUNTER_LOGIN_WRONG: 'loginWrong',
    COUNTER_LOCKED: 'locked',
    COUNTER_OPERATOR_DISABLED: 'disabled',
    COUNTER_DAY_CLOSED: 'dayClosed',
    COUNTER_BUSY: 'busy',
    PAYMENT_OPEN: 'busy',
    COUNTER_TENDERED_SHORT: 'short',
    COUNTER_TENDERED_INVALID: 'invalid',
  };
  const k = key[error.code];
  return k ? ct(k) : `${ct('failed')}: ${error.code}`;
}

/** `50`, `50,00`, `32,3`, `€ 1.250,50` as cents; null for anything else. */
export function parseEuroCents(text: string): number | null {
  const t = text.replace(/[€\s]/g, '').replace(/\.(?=\d{3}(\D|$))/g, '');
  const m = /^(\d{1,6})(?:[.,](\d{1,2}))?$/.exec(t);
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '0').padEnd(2, '0'));
}
