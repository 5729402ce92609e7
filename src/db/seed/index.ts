/** Demo data: what the seed command and the server's first start in demo mode use. */
export { isDatabaseEmpty, seedDemoData, SeedError, todayInPoland } from './seed.ts';
export type { SeedOptions, SeedProgress, SeedSummary } from './seed.ts';
export {
  createDemoLogins,
  DemoLoginsRefusedError,
  DEMO_CUSTOMER_EMAIL,
  DEMO_PASSWORD,
  DEMO_STAFF_EMAIL,
} from './demo-logins.ts';
export type { DemoLogins } from './demo-logins.ts';
