export * from './errors.ts';
export * from './aim.ts';
export * from './nre.ts';
export * from './pagopa.ts';
export * from './pagopa-qr.ts';
export * from './classify.ts';
export * from './cli.ts';
