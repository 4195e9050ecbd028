import { connect, type Socket } from 'node:net';
import { CupError } from '@cup-kiosk/sync-service/domain';
import { CardModel } from './card-model.ts';
import { cardProfile, cardProfiles, type CardProfile } from './profiles.ts';

/**
 * A TS-CNS that plugs into the `vpcd` virtual reader (Debian package vsmartcard-vpcd) loaded
 * by the real pcscd. vpcd listens; the card connects as a TCP client, so inserting a card is
 * connecting and removing it is closing. The driver cannot tell it from a chip in a reader.
 *
 * Wire format both ways: 2-byte big-endian length, then the payload. A 1-byte payload from
 * vpcd is a control; a longer one is a command APDU, answered with the response APDU.
 */

/** vpcd's default port for the first virtual reader, `Virtual PCD 00 00`. */
export const VPCD_DEFAULT_PORT = 35963;
/** Framing: the length prefix of every message. */
const LENGTH_BYTES = 2;
/** vpcd controls (one-byte payloads). Only the ATR request gets an answer. */
const VPCD_CTRL_OFF = 0x00; // power off
const VPCD_CTRL_ON = 0x01; // power on
const VPCD_CTRL_RESET = 0x02; // reset
const VPCD_CTRL_ATR = 0x04; // send the ATR

export class VpcdUnreachableError extends CupError {
  constructor(host: string, port: number, cause: string) {
    super(
      'VPCD_UNREACHABLE',
      `No vpcd virtual reader on ${host}:${port} (${cause}): is pcscd running with the vpcd driver of the Debian package 'vsmartcard-vpcd'?`,
      { host, port, package: 'vsmartcard-vpcd' },
    );
  }
}

export class UnknownCardProfileError extends CupError {
  constructor(id: string) {
    super('CARD_PROFILE_UNKNOWN', `No demo card '${id}'; known: ${cardProfiles().map((p) => p.id).join(', ')}`, { id });
  }
}

export interface VirtualCardOptions {
  /** Host of pcscd's vpcd listener. Default `127.0.0.1`. */
  host?: string;
  /** vpcd port: 35963 is `Virtual PCD 00 00`, 35964 `Virtual PCD 00 01`. Default 35963. */
  port?: number;
}

export interface InsertOptions {
  /**
   * Pull the card out when this command APDU arrives (1 = the first), before answering it:
   * a card removed mid-read, at a chosen step. Default: never.
   */
  removeAtApdu?: number;
}

export class VirtualCardSimulator {
  private readonly host: string;
  private readonly port: number;
  private socket: Socket | undefined;
  private profile: CardProfile | undefined;
  private model: CardModel | undefined;
  private pending = Buffer.alloc(0);
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();
  private removeAtApdu: number | undefined;
  private closed: Promise<void> | undefined;
  /** Command APDUs received since the last insert. */
  apduCount = 0;
  /** ATR requests received since the last insert (vpcd asks at each presence poll). */
  atrRequests = 0;

  constructor(options: VirtualCardOptions = {}) {
    this.host = options.host ?? '127.0.0.1';
    this.port = options.port ?? VPCD_DEFAULT_PORT;
  }

  /** The profile of the card in the reader, if any. */
  get inserted(): CardProfile | undefined {
    return this.profile;
  }

  /**
   * Inserts a demo card (by profile id) or a given profile: connects to vpcd. Resolves once
   * connected; pcscd sees the card at its next presence poll. Removes the card already in.
   */
  async insert(profile: string | CardProfile, options: InsertOptions = {}): Promise<void> {
    const chosen = typeof profile === 'string' ? cardProfile(profile) : profile;
    if (!chosen) throw new UnknownCardProfileError(String(profile));
    await this.remove();
    this.profile = chosen;
    this.model = new CardModel(chosen.files);
    this.pending = Buffer.alloc(0);
    this.apduCount = 0;
    this.atrRequests = 0;
    this.removeAtApdu = options.removeAtApdu;
    const socket = connect({ host: this.host, port: this.port });
    socket.setNoDelay(true);
    this.socket = socket;
    this.closed = new Promise((resolve) => socket.once('close', () => resolve()));
    try {
      await new Promise<void>((resolve, reject) => {
        socket.once('connect', resolve);
        socket.once('error', reject);
      });
    } catch (e) {
      this.forget(socket);
      throw new VpcdUnreachableError(this.host, this.port, (e as NodeJS.ErrnoException).code ?? String(e));
    }
    socket.on('error', () => this.forget(socket)); // vpcd closing on us is a removal, not a crash
    socket.on('close', () => this.forget(socket));
    socket.on('data', (chunk: Buffer) => this.receive(socket, chunk));
  }

  /** Pulls the card out: closes the connection and drops any answer still being delayed. */
  async remove(): Promise<void> {
    const socket = this.socket;
    const closed = this.closed;
    if (!socket) return;
    this.forget(socket);
    socket.destroy();
    await closed;
  }

  private forget(socket: Socket): void {
    if (this.socket !== socket) return;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    this.socket = undefined;
    this.profile = undefined;
    this.model = undefined;
  }

  private receive(socket: Socket, chunk: Buffer): void {
    this.pending = Buffer.concat([this.pending, chunk]);
    while (this.pending.length >= LENGTH_BYTES) {
      const size = this.pending.readUInt16BE(0);
      if (this.pending.length < LENGTH_BYTES + size) return;
      const payload = this.pending.subarray(LENGTH_BYTES, LENGTH_BYTES + size);
      this.pending = this.pending.subarray(LENGTH_BYTES + size);
      if (this.socket !== socket) return;
      if (size === 1) this.control(socket, payload[0]!);
      else if (size > 1) this.command(socket, new Uint8Array(payload));
    }
  }

  private control(socket: Socket, code: number): void {
    if (code === VPCD_CTRL_ATR) {
      this.atrRequests++;
      if (this.profile) send(socket, this.profile.atr);
    } else if (code === VPCD_CTRL_ON || code === VPCD_CTRL_RESET || code === VPCD_CTRL_OFF) {
      this.model?.reset(); // a chip comes back up with the MF selected
    }
  }

  private command(socket: Socket, apdu: Uint8Array): void {
    this.apduCount++;
    if (this.removeAtApdu !== undefined && this.apduCount >= this.removeAtApdu) {
      void this.remove();
      return;
    }
    const profile = this.profile;
    const model = this.model;
    if (!profile || !model || profile.mute) return;
    const response = model.process(apdu);
    const delay = profile.answerDelayMs ?? 0;
    if (delay <= 0) {
      send(socket, response);
      return;
    }
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (this.socket === socket) send(socket, response);
    }, delay);
    this.timers.add(timer);
  }
}

function send(socket: Socket, payload: Uint8Array): void {
  const frame = Buffer.alloc(LENGTH_BYTES + payload.length);
  frame.writeUInt16BE(payload.length, 0);
  frame.set(payload, LENGTH_BYTES);
  socket.write(frame);
}
