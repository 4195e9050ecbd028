/** The health card (TS-CNS) over PC/SC: codec, pcscd launcher and driver. */
export * from './apdu.ts';
export * from './errors.ts';
export { decodePersonalData, encodePersonalData, decodePersonalDataHex, declaredFileLength, PERSONAL_DATA_FIELDS, type PersonalData, type PersonalDataInput, type DecodedCard } from './ts-cns.ts';
export { citizenFromPersonalData, romeToday } from './citizen.ts';
export { readPersonalDataFile, readSelectedFile, selectPersonalData, type Transmit, type ReadOptions, type ReadResult } from './read-session.ts';
export { ensurePcscd, pcscdAlive, findPcscd, tcpListening, PcscdStartError, PCSCD_SOCKET, VPCD_READER_CONF, type PcscdHandle, type PcscdOptions } from './pcscd.ts';
export { HealthCardReader, type HealthCardReaderOptions, type CardRead } from './reader.ts';
export type { HealthCardEvents, HealthCardEventName, Listener } from './events.ts';
export { PcscError, type PcscContext, type PcscReader, type PcscStatus, type PcscFactory } from './pcsc-io.ts';
