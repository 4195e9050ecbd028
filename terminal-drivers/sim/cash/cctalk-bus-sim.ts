import { SerialPort } from 'serialport';
import { encodeFrame } from '../../cash/cctalk-frame.ts';
import { CcTalkFrameParser } from '../../cash/frame-parser.ts';
import { Header } from '../../cash/headers.ts';

/**
 * The device side of a ccTalk wire, for development and tests: opens the device end of a pty,
 * hands each frame to the simulated device at its destination address and writes the reply, byte
 * for byte as hardware would. Several devices can share one simulated wire, as on the kiosk.
 */

/** What a simulated device answers; null means it stays silent (as a real device does for junk). */
export interface SimReply {
  header: number;
  data?: ArrayLike<number>;
}

/** A device on the simulated wire. Faults that are about the wire (silence, corruption) live here. */
export abstract class CcTalkSimDevice {
  /** While true the device answers nothing, as if unplugged; its own state still changes. */
  silent = false;
  private corruptReplies = 0;

  constructor(readonly address: number) {}

  /** Answers one request addressed to this device. */
  abstract handle(header: number, data: Uint8Array): SimReply | null;

  /** The next `count` replies go out with a wrong checksum byte. */
  corruptNext(count = 1): void {
    this.corruptReplies += count;
  }

  /** Used by the bus: whether to corrupt the reply being sent now. */
  takeCorruption(): boolean {
    if (this.corruptReplies <= 0) return false;
    this.corruptReplies--;
    return true;
  }
}

export interface CcTalkBusSimOptions {
  /** Echo the host's bytes back, as a one-wire interface does. Default true. */
  echo?: boolean;
  /** Delay before a reply, in ms. Default 0 (a device answers within a few ms). */
  replyDelayMs?: number;
}

// XOR applied to the checksum byte of a corrupted reply: any non-zero value breaks the sum.
const CORRUPTION_MASK = 0x5a;

export class CcTalkBusSim {
  /** Echo the host's bytes back; may be changed while running. */
  echo: boolean;
  replyDelayMs: number;
  private readonly devices = new Map<number, CcTalkSimDevice>();
  private readonly parser = new CcTalkFrameParser();
  private closed = false;

  private constructor(
    private readonly port: SerialPort,
    options: CcTalkBusSimOptions,
  ) {
    this.echo = options.echo ?? true;
    this.replyDelayMs = options.replyDelayMs ?? 0;
    port.on('data', (chunk: Buffer) => {
      // The echo is the wire itself: every byte, frame or not, comes back before any reply.
      if (this.echo) port.write(chunk);
      this.parser.write(chunk);
    });
    this.parser.on('data', (frame: Buffer) => this.onFrame(frame));
  }

  /** Opens the device end of a pty at 9600 8N1. */
  static async open(devicePath: string, options: CcTalkBusSimOptions = {}): Promise<CcTalkBusSim> {
    const port = new SerialPort({ path: devicePath, baudRate: 9600, dataBits: 8, parity: 'none', stopBits: 1, autoOpen: false });
    await new Promise<void>((resolve, reject) => port.open((err) => (err ? reject(err) : resolve())));
    return new CcTalkBusSim(port, options);
  }

  attach<D extends CcTalkSimDevice>(device: D): D {
    this.devices.set(device.address, device);
    return device;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.parser.destroy();
    if (this.port.isOpen) await new Promise<void>((resolve) => this.port.close(() => resolve()));
  }

  private onFrame(bytes: Buffer): void {
    const device = this.devices.get(bytes[0] ?? 0);
    if (!device || device.silent) return;
    const header = bytes[3] ?? 0;
    const reply = device.handle(header, bytes.subarray(4, bytes.length - 1));
    if (!reply) return;
    const out = encodeFrame({ destination: bytes[2] ?? 0, source: device.address, header: reply.header, data: reply.data ?? [] });
    if (device.takeCorruption()) out[out.length - 1] = (out[out.length - 1] ?? 0) ^ CORRUPTION_MASK;
    const send = (): void => {
      if (!this.closed) this.port.write(out);
    };
    if (this.replyDelayMs > 0) setTimeout(send, this.replyDelayMs);
    else send();
  }
}

/** Replies shared by every simulated device. */
export const ack = (data: ArrayLike<number> = []): SimReply => ({ header: Header.REPLY, data });
export const nak = (): SimReply => ({ header: Header.NAK });
export const asciiReply = (text: string): SimReply => ack(Buffer.from(text, 'latin1'));
/** A 3-byte serial number, LSB first. */
export const serialReply = (serial: number): SimReply => ack([serial & 0xff, (serial >> 8) & 0xff, (serial >> 16) & 0xff]);
