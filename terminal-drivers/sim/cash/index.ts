export * from './cctalk-bus-sim.ts';
export * from './coin-acceptor-sim.ts';
export * from './hopper-sim.ts';
export * from './bill-validator-sim.ts';
