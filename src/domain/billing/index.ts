/** Billing core: consumption, sewage, estimates, tariffs, VAT, invoices, numbering, corrections, ledger. */
export * from './types.ts';
export * from './proportion.ts';
export * from './consumption.ts';
export * from './estimate.ts';
export * from './sewage.ts';
export * from './tariff.ts';
export * from './vat.ts';
export * from './notes.ts';
export * from './settlement.ts';
export * from './invoice.ts';
export * from './numbering.ts';
export * from './correction.ts';
export * from './ledger.ts';
