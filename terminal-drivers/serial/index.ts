export { openPtyPair, MissingSystemPackageError, type PtyPair } from './pty-pair.ts';
export { lineTimeout, type LineTimeout } from './line-timeout.ts';
