import type { Config } from '../../config.ts';
import { createPayuProvider } from './payu/payu-provider.ts';
import type { PaymentProvider, ProviderName } from './provider.ts';
import { createPrzelewy24Provider } from './przelewy24/przelewy24-provider.ts';
import { createSandboxProvider, sandboxSecret } from './sandbox/sandbox-provider.ts';

export * from './provider.ts';
export {
  sandboxPagePath,
  sandboxSecret,
  signedSandboxNotification,
  type SandboxNotification,
} from './sandbox/sandbox-provider.ts';

export interface PaymentProviders {
  /** The provider new payments go to (PAYMENT_PROVIDER), or undefined when it cannot be used here. */
  active: PaymentProvider | undefined;
  /** Every configured provider: notifications are accepted from each (payments started before a switch). */
  byName(name: ProviderName): PaymentProvider | undefined;
}

/**
 * The providers this configuration can use. The sandbox marks payments paid at the click of a button, so it is
 * never available in production, whatever PAYMENT_PROVIDER says.
 */
export function createPaymentProviders(config: Config): PaymentProviders {
  const providers = new Map<ProviderName, PaymentProvider>();
  if (config.environment !== 'production') {
    providers.set(
      'sandbox',
      createSandboxProvider({ secret: sandboxSecret(config.sessionSecret), publicUrl: config.publicUrl }),
    );
  }
  const { przelewy24, payu } = config.payments;
  if (przelewy24) providers.set('przelewy24', createPrzelewy24Provider(przelewy24));
  if (payu) providers.set('payu', createPayuProvider(payu));
  return {
    active: providers.get(config.payments.provider),
    byName: (name) => providers.get(name),
  };
}
