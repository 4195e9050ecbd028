export * from './journal.ts';
export * from './simulator.ts';
