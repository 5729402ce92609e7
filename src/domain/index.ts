/**
 * Public API of the pure billing domain. Other layers import from here, never from individual files,
 * so files can be split or renamed without touching callers.
 */
export * from './errors.ts';
export * from './money.ts';
export * from './dates.ts';
export * from './nrb.ts';
export * from './identifiers.ts';
export * from './legalization.ts';
export * from './amount-in-words.ts';
export * from './volume.ts';
export * from './billing/index.ts';
