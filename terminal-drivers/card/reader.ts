import { performance } from 'node:perf_hooks';
import { isCupError, type Citizen, type CupError } from '@cup-kiosk/sync-service/domain';
import { toHex } from './apdu.ts';
import { citizenFromPersonalData } from './citizen.ts';
import { CardAbsentError, CardIoError, CardMuteError, CardNotTsCnsError, CardReaderMissingError, CardRemovedError, PcscdUnavailableError } from './errors.ts';
import { TypedEvents } from './events.ts';
import { PCSCD_SOCKET, pcscdAlive } from './pcscd.ts';
import { connectT1, disconnect, isRemovalCode, loadPcsclite, PcscError, SCARD_E_PROTO_MISMATCH, Transmitter, type PcscContext, type PcscFactory, type PcscReader, type PcscStatus } from './pcsc-io.ts';
import { readPersonalDataFile } from './read-session.ts';
import { decodePersonalData } from './ts-cns.ts';

export interface HealthCardReaderOptions {
  /** Read each card as it is inserted and report it as `inserted` or `error`. Default true. */
  autoRead?: boolean;
  /** Time a command APDU may take before the card is called mute (CARD_MUTE). Default 3000 ms. */
  apduTimeoutMs?: number;
  /** Bytes per READ BINARY, 1..256. Default 128 (see `ReadOptions`). */
  chunkSize?: number;
  /** How long `readNow` waits for pcscd to list the readers and their cards. Default 2000 ms. */
  discoveryTimeoutMs?: number;
  /** pcscd's socket, checked before a PC/SC context is made. Default `PCSCD_SOCKET`. */
  socketPath?: string;
  /** The clock for the expiry check. Default `() => new Date()`. */
  now?: () => Date;
  /** The PC/SC binding. Default @pokusew/pcsclite. */
  pcsc?: PcscFactory;
}

/** What a successful read yields. */
export interface CardRead {
  reader: string;
  citizen: Citizen;
  atr: string;
  /** From the card seen present by this driver (or `readNow` called) to the citizen parsed. */
  elapsedMs: number;
  apduCount: number;
}

interface ReaderEntry {
  reader: PcscReader;
  statusKnown: boolean;
  present: boolean;
  atr: string;
  /** Bumped at each insertion and removal: a read belongs to the card of its generation. */
  generation: number;
  seenAt: number;
  /** The automatic read of the present card, until its outcome is reported. */
  pending: { generation: number; promise: Promise<CardRead>; reported: boolean } | undefined;
  /** Settles when the reader is free again: no transmit stuck in the binding, card disconnected. */
  idle: Promise<void>;
  stuck: boolean;
  lastStatusAt: number;
}

/**
 * pcsclite's close() sets a stop flag, cancels the status wait once and joins the thread. If the
 * thread is between two waits at that instant, the cancel is lost and the join blocks the process
 * for ever. Right after an event is when it is between waits, so close only after this much quiet.
 */
const CLOSE_QUIET_MS = 100;

/** How long a failed transmit waits to learn whether the card was pulled out (pcscd polls vpcd every 400 ms). */
const REMOVAL_GRACE_MS = 1000;

/**
 * The health card reader: watches every PC/SC reader of pcscd, reads the TS-CNS personal data
 * of each card inserted, and reports a checked citizen or a typed error. See `HealthCardEvents`.
 */
export class HealthCardReader extends TypedEvents {
  private readonly options: Required<Omit<HealthCardReaderOptions, 'pcsc'>> & { pcsc: PcscFactory };
  private context: PcscContext | undefined;
  private starting: Promise<void> | undefined;
  private readonly entries = new Map<string, ReaderEntry>();
  private closed = false;
  private lastReaderEventAt = 0;

  constructor(options: HealthCardReaderOptions = {}) {
    super();
    this.options = {
      autoRead: options.autoRead ?? true,
      apduTimeoutMs: options.apduTimeoutMs ?? 3000,
      chunkSize: options.chunkSize ?? 128,
      discoveryTimeoutMs: options.discoveryTimeoutMs ?? 2000,
      socketPath: options.socketPath ?? PCSCD_SOCKET,
      now: options.now ?? (() => new Date()),
      pcsc: options.pcsc ?? loadPcsclite,
    };
  }

  /** Names of the readers pcscd lists now. */
  get readers(): string[] {
    return [...this.entries.keys()];
  }

  /** Opens the PC/SC context. Rejects with PCSCD_UNAVAILABLE if pcscd is not running. Idempotent. */
  start(): Promise<void> {
    this.starting ??= (async () => {
      if (!(await pcscdAlive(this.options.socketPath))) throw new PcscdUnavailableError(this.options.socketPath);
      if (this.closed) return;
      const context = this.options.pcsc();
      this.context = context;
      context.on('error', (e) => this.report(undefined, new PcscError('SCardGetStatusChange', e)));
      context.on('reader', (reader) => this.attach(reader));
    })();
    return this.starting;
  }

  /**
   * Reads the card in `readerName` (default: the first reader holding a card) and resolves with
   * its citizen. Failures reject with the same typed errors the `error` event carries, and are
   * not also emitted. Joins the automatic read of that card if one is under way.
   */
  async readNow(readerName?: string): Promise<Citizen> {
    return (await this.readCard(readerName)).citizen;
  }

  /** `readNow` with the ATR, timing and APDU count, for the CLI and the benchmark. */
  async readCard(readerName?: string): Promise<CardRead> {
    await this.start();
    const entry = await this.findCard(readerName);
    if (entry.pending && entry.pending.generation === entry.generation) return entry.pending.promise;
    return this.read(entry, entry.generation, performance.now());
  }

  /**
   * Releases pcsclite: waits (up to `waitMs`) for transmits stuck on a mute card, disconnects,
   * stops each reader's status thread and the context's. A reader still stuck is left alone,
   * because closing it would block the process on the binding's mutex.
   */
  async close(waitMs = 2000): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.starting?.catch(() => undefined);
    for (const entry of this.entries.values()) {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const settled = await Promise.race([entry.idle.then(() => true), new Promise<false>((r) => (timer = setTimeout(() => r(false), waitMs)))]);
      clearTimeout(timer);
      if (!settled || entry.stuck) continue;
      await quiet(() => entry.lastStatusAt);
      entry.reader.close();
    }
    this.entries.clear();
    await quiet(() => this.lastReaderEventAt);
    this.context?.close();
    this.context = undefined;
  }

  private attach(reader: PcscReader): void {
    if (this.closed) return;
    this.lastReaderEventAt = performance.now();
    const entry: ReaderEntry = {
      reader,
      statusKnown: false,
      present: false,
      atr: '',
      generation: 0,
      seenAt: 0,
      pending: undefined,
      idle: Promise.resolve(),
      stuck: false,
      lastStatusAt: performance.now(),
    };
    this.entries.set(reader.name, entry);
    reader.on('error', (e) => this.report(reader.name, new PcscError('SCardGetStatusChange', e)));
    reader.on('status', (status) => {
      entry.lastStatusAt = performance.now();
      this.onStatus(entry, status);
    });
    reader.on('end', () => {
      this.lastReaderEventAt = performance.now();
      if (this.entries.get(reader.name) !== entry || this.closed) return;
      if (entry.present) this.onStatus(entry, { state: 0 });
      this.entries.delete(reader.name);
      this.emit('readerRemoved', { reader: reader.name });
    });
    this.emit('readerAttached', { reader: reader.name });
  }

  private onStatus(entry: ReaderEntry, status: PcscStatus): void {
    if (this.closed) return;
    const { reader } = entry;
    const present = (status.state & reader.SCARD_STATE_PRESENT) !== 0;
    entry.statusKnown = true;
    if (present && !entry.present) {
      entry.present = true;
      entry.generation++;
      entry.seenAt = performance.now();
      entry.atr = status.atr ? toHex(status.atr) : '';
      if (this.options.autoRead) this.autoRead(entry, (status.state & reader.SCARD_STATE_MUTE) !== 0);
    } else if (!present && entry.present) {
      entry.present = false;
      entry.generation++;
      const pending = entry.pending;
      entry.pending = undefined;
      if (pending && !pending.reported) {
        pending.reported = true;
        this.report(reader.name, new CardRemovedError());
      }
      this.emit('removed', { reader: reader.name });
    }
  }

  private autoRead(entry: ReaderEntry, mute: boolean): void {
    const name = entry.reader.name;
    this.emit('reading', { reader: name, atr: entry.atr });
    const generation = entry.generation;
    // pcscd itself flags a chip that gave no ATR: no command would get an answer either.
    const promise = mute ? Promise.reject(new CardMuteError(undefined, { reader: name })) : this.read(entry, generation, entry.seenAt);
    const pending = { generation, promise, reported: false };
    entry.pending = pending;
    promise.then(
      (read) => {
        if (pending.reported || this.closed) return;
        pending.reported = true;
        this.emit('inserted', read);
      },
      (e: unknown) => {
        if (pending.reported || this.closed) return;
        pending.reported = true;
        this.report(name, e);
      },
    );
  }

  /** Connects, reads EF 1102, parses and checks it. Rejects with a typed CupError only. */
  private async read(entry: ReaderEntry, generation: number, since: number): Promise<CardRead> {
    const { reader } = entry;
    await entry.idle;
    if (entry.generation !== generation) throw new CardRemovedError();
    let protocol: number;
    try {
      protocol = await connectT1(reader);
    } catch (e) {
      if (e instanceof PcscError && e.scardCode === SCARD_E_PROTO_MISMATCH) {
        throw new CardNotTsCnsError('This card is not a health card: it does not speak T=1', { reader: reader.name, atr: entry.atr });
      }
      throw await this.explain(e, entry, generation);
    }
    const tx = new Transmitter(reader, protocol, this.options.apduTimeoutMs);
    const transmit = async (command: Uint8Array): Promise<Uint8Array> => {
      if (entry.generation !== generation) throw new CardRemovedError();
      try {
        const response = await tx.transmit(command);
        // vpcd (and some readers) hand back an empty response when the card went away mid-command.
        if (response.length < 2) throw new PcscError('SCardTransmit', 'the response has no status word');
        return response;
      } catch (e) {
        if (isCupError(e) && e.code === 'CARD_MUTE') entry.stuck = true;
        throw await this.explain(e, entry, generation);
      }
    };
    try {
      const { bytes, apduCount } = await readPersonalDataFile(transmit, { chunkSize: this.options.chunkSize });
      const citizen = citizenFromPersonalData(decodePersonalData(bytes), this.options.now());
      return { reader: reader.name, citizen, atr: entry.atr, elapsedMs: performance.now() - since, apduCount };
    } finally {
      // Disconnect only once the binding is done with the card: it holds the reader's mutex till then.
      entry.idle = tx.inFlight.then(async () => {
        entry.stuck = false;
        await disconnect(reader);
      });
    }
  }

  /** Turns a PC/SC failure into CARD_REMOVED when the card went away, CARD_IO_ERROR otherwise. */
  private async explain(e: unknown, entry: ReaderEntry, generation: number): Promise<CupError> {
    if (!(e instanceof PcscError)) return isCupError(e) ? (e as CupError) : new CardIoError(String(e));
    if (isRemovalCode(e.scardCode) || entry.generation !== generation) return new CardRemovedError(undefined, { reader: entry.reader.name });
    const deadline = performance.now() + REMOVAL_GRACE_MS;
    while (performance.now() < deadline && entry.generation === generation && !this.closed) await delay(20);
    if (entry.generation !== generation) return new CardRemovedError(undefined, { reader: entry.reader.name });
    return new CardIoError(e.message, { reader: entry.reader.name, scardCode: e.scardCode });
  }

  private async findCard(readerName: string | undefined): Promise<ReaderEntry> {
    const deadline = performance.now() + this.options.discoveryTimeoutMs;
    for (;;) {
      const candidates = readerName === undefined ? [...this.entries.values()] : [this.entries.get(readerName)].filter((e) => e !== undefined);
      const withCard = candidates.find((e) => e.statusKnown && e.present);
      if (withCard) return withCard;
      if (performance.now() > deadline) {
        if (candidates.length === 0) {
          throw new CardReaderMissingError(readerName ? `No reader named '${readerName}' (readers: ${this.readers.join(', ') || 'none'})` : 'No card reader is attached', {
            reader: readerName,
            readers: this.readers,
          });
        }
        throw new CardAbsentError(readerName ?? candidates[0]!.reader.name);
      }
      await delay(10);
    }
  }

  private report(reader: string | undefined, e: unknown): void {
    if (this.closed) return; // pcsclite reports its own cancelled waits as errors while closing
    const error = isCupError(e) ? (e as CupError) : new CardIoError(String(e));
    const citizen = (error as { citizen?: Citizen }).citizen;
    this.emit('error', { reader, code: error.code, message: error.message, ...(citizen ? { citizen } : {}), error });
  }
}

/** Waits until `since()` is at least CLOSE_QUIET_MS ago. */
async function quiet(since: () => number): Promise<void> {
  for (let wait = since() + CLOSE_QUIET_MS - performance.now(); wait > 0; wait = since() + CLOSE_QUIET_MS - performance.now()) await delay(wait);
}

function delay(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
