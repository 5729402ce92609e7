import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/**
 * The configuration is read and validated once, here; nothing else reads process.env.
 * A wrong value stops start-up with one line naming the variable and the reason.
 */
const digits = (length: number) => new RegExp(`^[0-9]{${length}}$`);

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce
    .number({ error: 'must be a whole number between 1 and 65535' })
    .int('must be a whole number between 1 and 65535')
    .min(1, 'must be a whole number between 1 and 65535')
    .max(65535, 'must be a whole number between 1 and 65535')
    .default(3000),
  PUBLIC_URL: z.url({ error: 'must be an absolute URL such as https://ibok.example.pl' }).optional(),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// connection URL')
    .optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  DATA_DIR: z.string().min(1).default('./data'),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL')
    .optional(),
  MAIL_FROM: z.string().min(3).default('iBOK <ibok@localhost>'),
  MAIL_REPLY_TO: z.string().min(3).optional(),
  SESSION_SECRET: z.string().min(32, 'must be at least 32 characters long').optional(),
  ENCRYPTION_KEY: z.string().min(32, 'must be at least 32 characters long').optional(),
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(1440).default(30),
  SESSION_MAX_HOURS: z.coerce.number().int().min(1).max(720).default(12),
  AUTH_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(10),
  // Read only by `cli create-staff`, so a first admin can be created without the password in shell history.
  STAFF_PASSWORD: z.string().min(1).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DEMO: z
    .enum(['true', 'false'], { error: 'must be true or false' })
    .optional()
    .transform((value) => (value === undefined ? undefined : value === 'true')),
  SELLER_NAME: z.string().min(1).default('Miejskie Przedsiębiorstwo Wodociągów i Kanalizacji Sp. z o.o.'),
  SELLER_STREET: z.string().min(1).default('ul. Toruńska 146'),
  SELLER_POSTAL_CODE: z
    .string()
    .regex(/^[0-9]{2}-[0-9]{3}$/, 'must look like 87-800')
    .default('87-800'),
  SELLER_CITY: z.string().min(1).default('Włocławek'),
  SELLER_NIP: z.string().regex(digits(10), 'must be 10 digits').default('8880001258'),
  // The first 8 digits are the bank's sort code; the rest, with the customer number, makes the 24-digit BBAN.
  BANK_ACCOUNT_PREFIX: z
    .string()
    .regex(/^[0-9]{8,14}$/, 'must be 8 to 14 digits (bank sort code and payee digits)')
    .default('10205011'),
  // Online payments: the fee added to each payment (grosze) and the provider; secrets are never logged.
  PAYMENT_FEE_GROSZE: z.coerce
    .number()
    .int('must be a whole number of grosze')
    .min(0)
    .max(100_000)
    .default(100),
  PAYMENT_PROVIDER: z.enum(['sandbox', 'przelewy24', 'payu']).default('sandbox'),
  PAYMENT_EXPIRY_MINUTES: z.coerce
    .number()
    .int()
    .min(5)
    .max(7 * 24 * 60)
    .default(30),
  P24_MERCHANT_ID: z.coerce.number().int().positive().optional(),
  P24_POS_ID: z.coerce.number().int().positive().optional(),
  P24_API_KEY: z.string().min(1).optional(),
  P24_CRC: z.string().min(1).optional(),
  P24_BASE_URL: z.url({ error: 'must be an absolute URL' }).default('https://sandbox.przelewy24.pl'),
  PAYU_POS_ID: z
    .string()
    .regex(/^[0-9]+$/, 'must be digits')
    .optional(),
  PAYU_CLIENT_ID: z.string().min(1).optional(),
  PAYU_CLIENT_SECRET: z.string().min(1).optional(),
  PAYU_SECOND_KEY: z.string().min(1).optional(),
  PAYU_BASE_URL: z.url({ error: 'must be an absolute URL' }).default('https://secure.snd.payu.com'),
});

export interface Config {
  environment: 'development' | 'production' | 'test';
  host: string;
  port: number;
  publicUrl: string;
  database: { kind: 'postgres'; url: string; poolSize: number } | { kind: 'pglite'; directory: string };
  dataDirectory: string;
  mail: { smtpUrl: string | undefined; from: string; replyTo: string | undefined };
  sessionSecret: string;
  /** Seals authenticator secrets in the database (ENCRYPTION_KEY, or else the session secret). */
  encryptionKey: string;
  /** A session ends after `idleMinutes` without requests, and at the latest `maxHours` after sign-in. */
  sessions: { idleMinutes: number; maxHours: number };
  /** Requests per minute per IP address on each sign-in, registration and reset endpoint. */
  authRateLimitPerMinute: number;
  staffPassword: string | undefined;
  logLevel: z.infer<typeof schema>['LOG_LEVEL'];
  /** Demo mode: seeds demo data into an empty database and allows the demo logins. Never in production. */
  demo: boolean;
  seller: { name: string; street: string; postalCode: string; city: string; nip: string };
  bankAccountPrefix: string;
  payments: PaymentsConfig;
}

export interface PaymentsConfig {
  provider: 'sandbox' | 'przelewy24' | 'payu';
  /** Added to every online payment as its own line; never taken from the invoices. */
  feeGrosze: number;
  /** A pending online payment not completed within this time expires and frees its invoices. */
  expiryMinutes: number;
  przelewy24: { merchantId: number; posId: number; apiKey: string; crc: string; baseUrl: string } | undefined;
  payu:
    { posId: string; clientId: string; clientSecret: string; secondKey: string; baseUrl: string } | undefined;
}

export class ConfigError extends Error {}

export function loadConfig(environment: Record<string, string | undefined> = readEnvironment()): Config {
  const result = schema.safeParse(environment);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const variable = String(issue.path[0] ?? 'configuration');
    const given = environment[variable];
    throw new ConfigError(
      `Invalid configuration: ${variable} ${issue.message}${given === undefined ? '' : ` (got "${given}")`}`,
    );
  }
  const values = result.data;
  const production = values.NODE_ENV === 'production';
  if (production && !values.SESSION_SECRET) {
    throw new ConfigError('Invalid configuration: SESSION_SECRET is required when NODE_ENV=production');
  }
  if (production && values.DEMO) {
    throw new ConfigError('Invalid configuration: DEMO=true is refused when NODE_ENV=production');
  }
  const dataDirectory = path.resolve(values.DATA_DIR);
  const database: Config['database'] = values.DATABASE_URL
    ? { kind: 'postgres', url: values.DATABASE_URL, poolSize: values.DATABASE_POOL_SIZE }
    : { kind: 'pglite', directory: path.join(dataDirectory, 'pglite') };
  const sessionSecret = values.SESSION_SECRET ?? storedSessionSecret(dataDirectory);
  return {
    environment: values.NODE_ENV,
    host: values.HOST,
    port: values.PORT,
    publicUrl: (values.PUBLIC_URL ?? `http://localhost:${values.PORT}`).replace(/\/$/, ''),
    database,
    dataDirectory,
    mail: { smtpUrl: values.SMTP_URL, from: values.MAIL_FROM, replyTo: values.MAIL_REPLY_TO },
    sessionSecret,
    encryptionKey: values.ENCRYPTION_KEY ?? sessionSecret,
    sessions: { idleMinutes: values.SESSION_IDLE_MINUTES, maxHours: values.SESSION_MAX_HOURS },
    authRateLimitPerMinute: values.AUTH_RATE_LIMIT_PER_MINUTE,
    staffPassword: values.STAFF_PASSWORD,
    logLevel: values.LOG_LEVEL,
    demo: values.DEMO ?? (!production && database.kind === 'pglite'),
    seller: {
      name: values.SELLER_NAME,
      street: values.SELLER_STREET,
      postalCode: values.SELLER_POSTAL_CODE,
      city: values.SELLER_CITY,
      nip: values.SELLER_NIP,
    },
    bankAccountPrefix: values.BANK_ACCOUNT_PREFIX,
    payments: paymentsConfig(values),
  };
}

/** Reads an optional .env file (values already in the environment win) and returns the environment. */
function readEnvironment(): Record<string, string | undefined> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  return process.env;
}

/** Outside production a missing secret is generated once and kept in the data folder, so sessions survive restarts. */
function storedSessionSecret(dataDirectory: string): string {
  const file = path.join(dataDirectory, 'session-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDirectory, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

/** The chosen provider's credentials must all be present; the others' are ignored. */
function paymentsConfig(values: z.infer<typeof schema>): PaymentsConfig {
  const missing = (names: string[]) => {
    const absent = names.filter((name) => values[name as keyof typeof values] === undefined);
    if (absent.length > 0) {
      throw new ConfigError(
        `Invalid configuration: PAYMENT_PROVIDER=${values.PAYMENT_PROVIDER} needs ${absent.join(', ')}`,
      );
    }
  };
  const {
    P24_MERCHANT_ID: merchantId,
    P24_API_KEY: apiKey,
    P24_CRC: crc,
    PAYU_POS_ID: posId,
    PAYU_CLIENT_ID: clientId,
    PAYU_CLIENT_SECRET: clientSecret,
    PAYU_SECOND_KEY: secondKey,
  } = values;
  if (values.PAYMENT_PROVIDER === 'przelewy24') missing(['P24_MERCHANT_ID', 'P24_API_KEY', 'P24_CRC']);
  if (values.PAYMENT_PROVIDER === 'payu')
    missing(['PAYU_POS_ID', 'PAYU_CLIENT_ID', 'PAYU_CLIENT_SECRET', 'PAYU_SECOND_KEY']);
  return {
    provider: values.PAYMENT_PROVIDER,
    feeGrosze: values.PAYMENT_FEE_GROSZE,
    expiryMinutes: values.PAYMENT_EXPIRY_MINUTES,
    przelewy24:
      merchantId !== undefined && apiKey !== undefined && crc !== undefined
        ? {
            merchantId,
            posId: values.P24_POS_ID ?? merchantId,
            apiKey,
            crc,
            baseUrl: values.P24_BASE_URL.replace(/\/$/, ''),
          }
        : undefined,
    payu:
      posId !== undefined && clientId !== undefined && clientSecret !== undefined && secondKey !== undefined
        ? { posId, clientId, clientSecret, secondKey, baseUrl: values.PAYU_BASE_URL.replace(/\/$/, '') }
        : undefined,
  };
}
