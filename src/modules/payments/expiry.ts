import type { ProviderStatus } from '../../adapters/payments/index.ts';
import type { PaymentsContext } from './context.ts';
import { idList } from './payable.ts';

/**
 * Abandoned payments expire: a pending attempt past its expiry time becomes 'expired' and its invoices can be
 * paid again. Before that the provider is asked; one that reports the payment as made is left pending, because
 * its notification is on the way (and a payment that arrives after expiry is still posted, see notifications).
 * The update is conditional on 'pending', so a notification processed at the same moment always wins.
 */
export async function expireOverdueAttempts(
  context: PaymentsContext,
  options: { customerIds?: readonly number[]; onlinePaymentId?: number; limit?: number } = {},
): Promise<{ expired: number; waiting: number[] }> {
  const now = context.now();
  let query = context.database.db
    .selectFrom('online_payments')
    .select(['id', 'provider', 'session_id', 'total_grosze', 'provider_token', 'provider_order_id'])
    .where('status', '=', 'pending')
    .where('expires_at', '<=', now)
    .orderBy('expires_at')
    .limit(options.limit ?? 100);
  if (options.customerIds) query = query.where('customer_id', 'in', idList(options.customerIds));
  if (options.onlinePaymentId !== undefined) query = query.where('id', '=', options.onlinePaymentId);
  const overdue = await query.execute();

  let expired = 0;
  const waiting: number[] = [];
  for (const attempt of overdue) {
    const provider = context.providers.byName(attempt.provider as 'sandbox' | 'przelewy24' | 'payu');
    let status: ProviderStatus = { state: 'unknown' };
    if (provider) {
      try {
        status = await provider.status({
          sessionId: attempt.session_id,
          amountGrosze: attempt.total_grosze,
          currency: 'PLN',
          providerToken: attempt.provider_token,
          providerOrderId: attempt.provider_order_id,
        });
      } catch (error) {
        context.log.warn(
          {
            onlinePaymentId: attempt.id,
            provider: attempt.provider,
            detail: error instanceof Error ? error.message : 'error',
          },
          'provider status unavailable; expiring',
        );
      }
    }
    if (status.state === 'paid') {
      waiting.push(attempt.id);
      context.log.info(
        { onlinePaymentId: attempt.id, provider: attempt.provider },
        'overdue payment reported paid by the provider; waiting for its notification',
      );
      continue;
    }
    const result = await context.database.db
      .updateTable('online_payments')
      .set({
        status: 'expired',
        status_reason: status.state === 'failed' ? 'declined_at_provider' : 'expired',
        updated_at: now,
      })
      .where('id', '=', attempt.id)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    expired += Number(result.numUpdatedRows);
  }
  return { expired, waiting };
}
