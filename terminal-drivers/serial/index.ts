export { openPtyPair, MissingSystemPackageError, type PtyPair } from './pty-pair.ts';
