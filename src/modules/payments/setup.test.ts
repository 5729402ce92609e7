import { describe, expect, it } from 'vitest';
import { createPaymentProviders } from '../../adapters/payments/index.ts';
import { ConfigError } from '../../config.ts';
import { describeEachDatabase } from '../../../tests/support/database.ts';
import { buildTestApp, testConfig } from '../../../tests/support/app.ts';

describe('payments configuration', () => {
  it('defaults to the sandbox, a 1,00 zł fee and 30 minutes to pay', () => {
    const { payments } = testConfig();
    expect(payments).toMatchObject({
      provider: 'sandbox',
      feeGrosze: 100,
      expiryMinutes: 30,
      przelewy24: undefined,
      payu: undefined,
    });
  });

  it("names the chosen provider's missing credentials, and takes the POS id from the merchant id by default", () => {
    expect(() => testConfig({ PAYMENT_PROVIDER: 'przelewy24', P24_MERCHANT_ID: '1' })).toThrow(
      new ConfigError('Invalid configuration: PAYMENT_PROVIDER=przelewy24 needs P24_API_KEY, P24_CRC'),
    );
    expect(() => testConfig({ PAYMENT_PROVIDER: 'payu' })).toThrow(
      /PAYU_POS_ID, PAYU_CLIENT_ID, PAYU_CLIENT_SECRET, PAYU_SECOND_KEY/,
    );
    expect(() => testConfig({ PAYMENT_FEE_GROSZE: '1.5' })).toThrow(/PAYMENT_FEE_GROSZE/);
    const config = testConfig({
      PAYMENT_PROVIDER: 'przelewy24',
      P24_MERCHANT_ID: '77',
      P24_API_KEY: 'k',
      P24_CRC: 'c',
      P24_BASE_URL: 'https://secure.przelewy24.pl/',
    });
    expect(config.payments.przelewy24).toEqual({
      merchantId: 77,
      posId: 77,
      apiKey: 'k',
      crc: 'c',
      baseUrl: 'https://secure.przelewy24.pl',
    });
  });

  it('never offers the sandbox in production, whatever PAYMENT_PROVIDER says', () => {
    const production = testConfig({ NODE_ENV: 'production' });
    expect(production.payments.provider).toBe('sandbox');
    const providers = createPaymentProviders(production);
    expect(providers.active).toBeUndefined();
    expect(providers.byName('sandbox')).toBeUndefined();
    expect(createPaymentProviders(testConfig()).active?.name).toBe('sandbox');
  });
});

describeEachDatabase('payments API description', (context) => {
  it('documents the customer, webhook and staff routes in the OpenAPI document', async () => {
    const app = await buildTestApp(context.database);
    try {
      const response = await app.inject({ method: 'GET', url: '/api/openapi.json' });
      expect(response.statusCode).toBe(200);
      const paths = Object.keys(response.json<{ paths: Record<string, unknown> }>().paths);
      for (const path of [
        '/api/v1/me/payments/payable',
        '/api/v1/me/payments/quote',
        '/api/v1/me/payments/{id}',
        '/api/v1/payments/notify/{provider}',
        '/api/v1/staff/payments/unmatched',
      ]) {
        expect(paths).toContain(path);
      }
      expect(paths.some((path) => path.startsWith('/payments/sandbox'))).toBe(false);
    } finally {
      await app.close();
    }
  });
});
