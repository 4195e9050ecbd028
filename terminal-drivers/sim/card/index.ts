/** The device side of the health card: a TS-CNS chip model and a virtual card for vpcd. */
export { CardModel, tsCnsFileSystem, type CardFile, type DedicatedFile, type ElementaryFile } from './card-model.ts';
export { cardProfiles, cardProfile, profileIdOf, withTck, CNS_ATR, OTHER_ATR, type CardProfile } from './profiles.ts';
export { VirtualCardSimulator, VpcdUnreachableError, UnknownCardProfileError, VPCD_DEFAULT_PORT, type VirtualCardOptions, type InsertOptions } from './virtual-card.ts';
