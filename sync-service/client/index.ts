export { SyncClient } from './sync-client.ts';
export type { StatusListener, SyncClientOptions, SyncResult, SyncStatus } from './sync-client.ts';
export { CentralError } from './http.ts';
export type { CentralErrorCode, RequestSigner, SignRequest } from './http.ts';
export { enrollTerminal, generateTerminalKey, loadOrCreateTerminalKey, terminalSigner } from './signer.ts';
export type { EnrolOptions, SignerOptions, TerminalKeyPair } from './signer.ts';
