export { PrinterSimulator, type PrinterSimulatorOptions, type DecodedReceipt, type PrinterSimulatorEvents } from './simulator.ts';
export { EscPosDecoder, EscPosParser, type EscPosCommand } from './parser.ts';
export { ReceiptAssembler, decodeCode128, type AssemblerOutput } from './assembler.ts';
