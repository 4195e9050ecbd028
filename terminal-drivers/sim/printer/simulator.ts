/**
 * A receipt printer on the device side of a pty pair. It decodes what the driver sends into
 * the same document model, answers DLE EOT from its state at once (real-time, even while
 * printing or stopped), prints at a configurable speed, uses up its roll, and can be told to
 * fail in each way a kiosk printer fails. A stopped printer (paper out, cover open, offline,
 * error) discards the print data it receives, as if the operator had cleared its buffer, so a
 * job never resumes by itself; status requests are still answered.
 */
import { EventEmitter } from 'node:events';
import { performance } from 'node:perf_hooks';
import { SerialPort } from 'serialport';
import { encodeStatus, EPSON_TM_T88, renderText, type DeviceState, type DocElement, type PrinterProfile, type PrinterStatus, type ReceiptDocument } from '../../printer/index.ts';
import { decodeStatus } from '../../printer/status.ts';
import { ReceiptAssembler, type AssemblerOutput } from './assembler.ts';
import { EscPosDecoder, type EscPosCommand } from './parser.ts';

export interface PrinterSimulatorOptions {
  /** Columns, default code page and code page numbers. Default EPSON_TM_T88. */
  profile?: PrinterProfile;
  /** Print speed; 0 prints instantly. Default 0. */
  linesPerSecond?: number;
  /** Text lines left on the roll. Default Infinity (never runs out). */
  paperLines?: number;
  /** The near-end sensor trips when this many lines or fewer are left. Default 30. */
  nearEndLines?: number;
  /**
   * Pace the line at this baud rate: each byte, either way, reaches the other side 10 bit
   * times after the one before it (8N1: start, 8 data, stop), as on a real RS-232 line, where a
   * pty delivers at once. Undefined (the default) does not pace.
   */
  paceBaud?: number;
}

/** Bits on the wire per byte at 8N1: start bit, eight data bits, stop bit. */
const BITS_PER_BYTE = 10;
/**
 * A wait shorter than this is not waited: a timer cannot fire sooner and would add a whole
 * millisecond to a 4-byte status exchange that takes 0.35 ms at 115,200 baud. The wire clock
 * stays absolute, so long transfers keep their exact duration.
 */
const TIMER_RESOLUTION_MS = 1;

export interface DecodedReceipt {
  document: ReceiptDocument;
  /** `renderText` of `document` with the simulator's profile. */
  text: string;
  receivedAt: Date;
}

export interface PrinterSimulatorEvents {
  /** A whole receipt, cut. */
  receipt: [DecodedReceipt];
  /** One element reached the paper (tests use it to fail a job at a chosen point). */
  printed: [DocElement];
}

export class PrinterSimulator extends EventEmitter<PrinterSimulatorEvents> {
  readonly receipts: DecodedReceipt[] = [];
  /** Elements printed since the last cut: what a stopped job left on the paper. */
  current: DocElement[] = [];
  private readonly profile: PrinterProfile;
  private readonly decoder = new EscPosDecoder();
  private readonly assembler: ReceiptAssembler;
  private readonly msPerLine: number;
  private readonly nearEndLines: number;
  private paperLeft: number;
  private state: Omit<DeviceState, 'paper'> = { online: true, coverOpen: false, cutterError: false, unrecoverableError: false, autoRecoverableError: false };
  private answering = true;
  private rawReply: number | null = null;
  private jammed = false;
  /** Wire time of one byte, ms; 0 when the line is not paced. */
  private readonly msPerByte: number;
  /** When the inbound line is free again, `performance.now()` ms. */
  private inboundFreeAt = 0;
  /** When the outbound line is free again. */
  private outboundFreeAt = 0;
  private inbound: { chunk: Buffer; at: number }[] = [];
  private inboundPumping = false;
  private queue: EscPosCommand[] = [];
  private pumping = false;
  private closed = false;

  private constructor(
    private readonly port: SerialPort,
    options: PrinterSimulatorOptions,
  ) {
    super();
    this.profile = options.profile ?? EPSON_TM_T88;
    this.assembler = new ReceiptAssembler(this.profile);
    this.msPerLine = options.linesPerSecond ? 1000 / options.linesPerSecond : 0;
    this.paperLeft = options.paperLines ?? Infinity;
    this.nearEndLines = options.nearEndLines ?? 30;
    this.msPerByte = options.paceBaud ? (1000 * BITS_PER_BYTE) / options.paceBaud : 0;
    port.on('data', (chunk: Buffer) => (this.msPerByte ? this.arrive(chunk) : this.receive(chunk)));
  }

  /** Opens the device side of a pty pair (or any serial path) and starts listening. */
  static async open(devicePath: string, options: PrinterSimulatorOptions = {}): Promise<PrinterSimulator> {
    const port = new SerialPort({ path: devicePath, baudRate: (options.profile ?? EPSON_TM_T88).baudRate, autoOpen: false });
    await new Promise<void>((resolve, reject) => port.open((e) => (e ? reject(e) : resolve())));
    return new PrinterSimulator(port, options);
  }

  // ---- faults and controls ----

  setCoverOpen(open = true): void {
    this.state.coverOpen = open;
  }
  /** A jammed cutter fails the next cut and reports a cutter error until cleared. */
  jamCutter(jammed = true): void {
    this.jammed = jammed;
    if (!jammed) this.state.cutterError = false;
  }
  setOnline(online: boolean): void {
    this.state.online = online;
  }
  /** A silent printer: unplugged, powered off, or a broken cable. */
  setAnswering(answering: boolean): void {
    this.answering = answering;
  }
  /**
   * Answers every status request with this raw byte instead of the state (a line fault, or a
   * device that is not an ESC/POS printer); null answers from the state again.
   */
  replyWith(byte: number | null): void {
    this.rawReply = byte;
  }
  setError(kind: 'auto-recoverable' | 'unrecoverable' | null): void {
    this.state.autoRecoverableError = kind === 'auto-recoverable';
    this.state.unrecoverableError = kind === 'unrecoverable';
  }
  /** A new roll with `lines` text lines on it. */
  loadPaper(lines = Infinity): void {
    this.paperLeft = lines;
  }

  get paperLinesLeft(): number {
    return this.paperLeft;
  }

  /** The state as the driver would decode it. */
  status(): PrinterStatus {
    return decodeStatus(encodeStatus(this.deviceState()));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.removeAllListeners();
    await new Promise<void>((resolve) => (this.port.isOpen ? this.port.close(() => resolve()) : resolve()));
  }

  // ---- the device ----

  private deviceState(): DeviceState {
    const paper = this.paperLeft <= 0 ? 'out' : this.paperLeft <= this.nearEndLines ? 'near-end' : 'ok';
    return { ...this.state, paper };
  }

  private stopped(): boolean {
    const s = this.deviceState();
    return !s.online || s.coverOpen || s.paper === 'out' || s.cutterError || s.unrecoverableError || s.autoRecoverableError;
  }

  /** A paced chunk is decoded once its last byte would have come off the wire. */
  private arrive(chunk: Buffer): void {
    const now = performance.now();
    this.inboundFreeAt = Math.max(now, this.inboundFreeAt) + chunk.length * this.msPerByte;
    this.inbound.push({ chunk, at: this.inboundFreeAt });
    if (!this.inboundPumping) void this.pumpInbound();
  }

  private async pumpInbound(): Promise<void> {
    this.inboundPumping = true;
    for (let next = this.inbound.shift(); next && !this.closed; next = this.inbound.shift()) {
      const wait = next.at - performance.now();
      if (wait >= TIMER_RESOLUTION_MS) await new Promise((r) => setTimeout(r, wait));
      this.receive(next.chunk);
    }
    this.inboundPumping = false;
  }

  /** Writes a reply; when paced, it leaves once the outbound line is free and its bits are sent. */
  private reply(bytes: Buffer): void {
    if (!this.msPerByte) {
      this.port.write(bytes);
      return;
    }
    const now = performance.now();
    this.outboundFreeAt = Math.max(now, this.outboundFreeAt) + bytes.length * this.msPerByte;
    const wait = this.outboundFreeAt - now;
    if (wait < TIMER_RESOLUTION_MS) {
      this.port.write(bytes);
      return;
    }
    setTimeout(() => {
      if (!this.closed) this.port.write(bytes);
    }, wait);
  }

  private receive(chunk: Buffer): void {
    for (const c of this.decoder.push(chunk)) {
      if (c.t === 'status') this.answer(c.n);
      else if (this.msPerLine === 0 && this.queue.length === 0) this.print(c);
      else this.queue.push(c);
    }
    if (this.queue.length && !this.pumping) void this.pump();
  }

  private answer(n: number): void {
    if (!this.answering || this.closed || n < 1 || n > 4) return;
    this.reply(Buffer.from([this.rawReply ?? encodeStatus(this.deviceState())[n - 1]!]));
  }

  /** Prints queued commands at the configured speed; real-time requests bypass the queue. */
  private async pump(): Promise<void> {
    this.pumping = true;
    while (this.queue.length && !this.closed) {
      const lines = this.print(this.queue.shift()!);
      if (lines > 0 && this.msPerLine > 0) await new Promise((r) => setTimeout(r, lines * this.msPerLine));
    }
    this.pumping = false;
  }

  /** Applies one command; returns the paper lines it used. */
  private print(c: EscPosCommand): number {
    // Mode commands still take effect while stopped; only what would reach paper is lost.
    let used = 0;
    for (const out of this.assembler.apply(c)) {
      if (this.stopped()) break;
      used += this.output(out);
    }
    return used;
  }

  private output(out: AssemblerOutput): number {
    if ('cut' in out) {
      if (this.jammed) {
        this.state.cutterError = true;
        return 0;
      }
      this.current.push({ kind: 'cut' });
      const document = { elements: this.current };
      this.current = [];
      const receipt: DecodedReceipt = { document, text: renderText(document, this.profile), receivedAt: new Date() };
      this.receipts.push(receipt);
      this.emit('receipt', receipt);
      return 0;
    }
    if (out.lines > this.paperLeft) {
      // The roll ends inside this element: part of it is on paper, and the printer stops.
      this.paperLeft = 0;
      return 0;
    }
    this.paperLeft -= out.lines;
    this.current.push(out.element);
    this.emit('printed', out.element);
    return out.lines;
  }
}
