export * from './contract.ts';
export * from './errors.ts';
export * from './scan-splitter.ts';
export * from './scanner.ts';
