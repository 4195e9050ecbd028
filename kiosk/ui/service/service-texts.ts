/**
 * Every word of the technician's screens, in one map so they can be translated: Italian is what
 * the screens show (technicians here work in Italian), English stands beside it for whoever
 * translates or maintains them.
 */
export const SERVICE_TEXTS = {
  title: { it: 'Modalità tecnico', en: 'Technician mode' },
  exit: { it: 'Esci', en: 'Exit' },
  back: { it: 'Indietro', en: 'Back' },
  refresh: { it: 'Aggiorna', en: 'Refresh' },
  working: { it: 'Operazione in corso…', en: 'Working…' },
  pinTitle: { it: 'PIN tecnico', en: 'Technician PIN' },
  pinLead: { it: 'Digitare il PIN e premere OK, oppure passare il badge davanti al lettore.', en: 'Type the PIN and press OK, or show the badge to the scanner.' },
  pinDigits: { it: 'Cifre digitate', en: 'Digits typed' },
  pinWrong: { it: 'PIN errato.', en: 'Wrong PIN.' },
  badgeRefused: { it: 'Badge non valido o revocato: usare il PIN.', en: 'Badge not valid or revoked: use the PIN.' },
  pinLapsed: { it: 'La sessione di servizio è scaduta: digitare di nuovo il PIN.', en: 'The service session lapsed: type the PIN again.' },
  pinBusy: { it: 'Un cittadino sta pagando: riprovare a pagamento concluso.', en: 'A citizen is paying: try again when the payment is over.' },
  lockedTitle: { it: 'Accesso bloccato', en: 'Access locked' },
  lockedLead: { it: 'Troppi PIN o badge errati: la modalità tecnico è bloccata per 5 minuti.', en: 'Too many wrong PINs or badges: technician mode is locked for 5 minutes.' },
  keypadDelete: { it: 'Cancella', en: 'Delete' },
  keypadOk: { it: 'Conferma', en: 'Confirm' },
  overviewTitle: { it: 'Stato del terminale', en: 'Terminal status' },
  devices: { it: 'Dispositivi', en: 'Devices' },
  device: { it: 'Dispositivo', en: 'Device' },
  state: { it: 'Stato', en: 'State' },
  detail: { it: 'Dettaglio', en: 'Detail' },
  coins: { it: 'monete', en: 'coins' },
  central: { it: 'Centrale CUP', en: 'Central CUP' },
  reachable: { it: 'raggiungibile', en: 'reachable' },
  unreachable: { it: 'non raggiungibile', en: 'unreachable' },
  backlog: { it: 'Da inviare alla centrale', en: 'Waiting to be sent' },
  lastSync: { it: 'Ultima sincronizzazione', en: 'Last sync' },
  never: { it: 'mai', en: 'never' },
  cashbox: { it: 'Cassetta', en: 'Cash box' },
  actions: { it: 'Operazioni', en: 'Actions' },
  testPrint: { it: 'Stampa di prova', en: 'Test print' },
  acceptanceTest: { it: 'Prova accettazione monete e banconote', en: 'Coin and bill acceptance test' },
  acceptanceLead: { it: 'Inserire una moneta o una banconota (30 secondi): va in cassetta come prova.', en: 'Insert a coin or a bill (30 seconds): it goes to the cash box as a test.' },
  payoutTest: { it: 'Prova erogazione hopper', en: 'Hopper payout test' },
  payoutLead: { it: 'Scegliere l\'hopper: eroga una moneta.', en: 'Choose the hopper: it pays one coin.' },
  refill: { it: 'Ricarica hopper', en: 'Refill a hopper' },
  refillLead: { it: 'Scegliere l\'hopper da ricaricare.', en: 'Choose the hopper to refill.' },
  refillCount: { it: 'Monete inserite nell\'hopper', en: 'Coins put into the hopper' },
  countInvalid: { it: 'Numero di monete non valido (da 1 a 5000).', en: 'Invalid number of coins (1 to 5000).' },
  empty: { it: 'Svuotamento cassetta', en: 'Empty the cash box' },
  emptyLead: { it: 'Registrare il prelievo di tutto il contenuto della cassetta e stampare la distinta?', en: 'Record that everything in the cash box was taken out, and print the report?' },
  emptyConfirm: { it: 'Sì, svuotata', en: 'Yes, emptied' },
  eventLog: { it: 'Registro eventi', en: 'Event log' },
  auditLog: { it: 'Operazioni del tecnico', en: 'Technician actions' },
  ledgerLog: { it: 'Movimenti di cassa', en: 'Cash movements' },
  config: { it: 'Configurazione', en: 'Configuration' },
  configReadOnly: { it: 'Sola lettura: si modifica nelle opzioni di avvio del terminale.', en: 'Read-only: it is changed in the terminal\'s start options.' },
  syncNow: { it: 'Sincronizza ora', en: 'Sync now' },
  when: { it: 'Quando', en: 'When' },
  who: { it: 'Tecnico', en: 'Technician' },
  what: { it: 'Operazione', en: 'Action' },
  outcome: { it: 'Esito', en: 'Outcome' },
  kind: { it: 'Tipo', en: 'Kind' },
  amount: { it: 'Importo', en: 'Amount' },
  terminalId: { it: 'Terminale', en: 'Terminal' },
  centralUrl: { it: 'Indirizzo centrale', en: 'Central URL' },
  version: { it: 'Versione software', en: 'Software version' },
  printerProfile: { it: 'Profilo stampante', en: 'Printer profile' },
  ports: { it: 'Porte dei dispositivi', en: 'Device ports' },
  resultTitle: { it: 'Esito', en: 'Result' },
  failed: { it: 'Operazione non riuscita', en: 'The action failed' },
  printed: { it: 'Stampato:', en: 'Printed:' },
  printFailed: { it: 'Registrato, ma la stampa non è riuscita', en: 'Recorded, but printing failed' },
  acceptedNone: { it: 'Nessuna moneta o banconota inserita.', en: 'No coin or bill was inserted.' },
  accepted: { it: 'Accettato e messo in cassetta', en: 'Accepted into the cash box' },
  paidOne: { it: 'Moneta erogata', en: 'Coin paid' },
  paidNone: { it: 'Nessuna moneta erogata', en: 'No coin paid' },
  level: { it: 'Livello', en: 'Level' },
  refilled: { it: 'Hopper ricaricato', en: 'Hopper refilled' },
  emptied: { it: 'Cassetta svuotata: prelevati', en: 'Cash box emptied: taken out' },
  synced: { it: 'Sincronizzazione eseguita', en: 'Sync done' },
  syncFailed: { it: 'Sincronizzazione non riuscita', en: 'Sync failed' },
  sent: { it: 'Inviati', en: 'Sent' },
} as const satisfies Record<string, { it: string; en: string }>;

export type ServiceTextKey = keyof typeof SERVICE_TEXTS;

/** The technician's screens speak Italian. */
export const st = (key: ServiceTextKey): string => SERVICE_TEXTS[key].it;

/** A device kind as a technician names it. */
export const DEVICE_NAMES: Record<string, { it: string; en: string }> = {
  printer: { it: 'Stampante', en: 'Printer' },
  'coin-acceptor': { it: 'Gettoniera', en: 'Coin acceptor' },
  'bill-validator': { it: 'Lettore banconote', en: 'Bill validator' },
  hopper: { it: 'Hopper', en: 'Hopper' },
  'card-reader': { it: 'Lettore tessera sanitaria', en: 'Health card reader' },
  scanner: { it: 'Scanner codici', en: 'Barcode scanner' },
  pos: { it: 'POS carte', en: 'Card terminal' },
};

/** A device's state in words (never colour alone), with a sign that is not colour either. */
export const STATE_WORDS: Record<string, { it: string; en: string; sign: string }> = {
  ok: { it: 'funziona', en: 'working', sign: '✓' },
  offline: { it: 'non risponde', en: 'not answering', sign: '✕' },
  'paper-low': { it: 'carta in esaurimento', en: 'paper low', sign: '!' },
  'paper-out': { it: 'carta esaurita', en: 'paper out', sign: '✕' },
  'cover-open': { it: 'coperchio aperto', en: 'cover open', sign: '✕' },
  low: { it: 'quasi vuoto', en: 'low', sign: '!' },
  empty: { it: 'vuoto', en: 'empty', sign: '✕' },
  busy: { it: 'occupato', en: 'busy', sign: '!' },
};

/** What the audit calls each action. */
export const ACTION_NAMES: Record<string, { it: string; en: string }> = {
  open: { it: 'Accesso', en: 'Sign-in' },
  close: { it: 'Uscita', en: 'Sign-out' },
  status: { it: 'Stato dispositivi', en: 'Device status' },
  'test-print': SERVICE_TEXTS.testPrint,
  'acceptance-test': SERVICE_TEXTS.acceptanceTest,
  'payout-test': SERVICE_TEXTS.payoutTest,
  'empty-cash-box': SERVICE_TEXTS.empty,
  'refill-hopper': SERVICE_TEXTS.refill,
  'event-log': SERVICE_TEXTS.eventLog,
  config: SERVICE_TEXTS.config,
  'sync-now': SERVICE_TEXTS.syncNow,
};

export const OUTCOME_WORDS: Record<string, { it: string; en: string }> = {
  ok: { it: 'eseguita', en: 'done' },
  failed: { it: 'non riuscita', en: 'failed' },
  refused: { it: 'rifiutata', en: 'refused' },
};
