export * from './journal.ts';
export * from './plans.ts';
export * from './simulator.ts';
export * from './truth.ts';
