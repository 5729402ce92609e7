import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../shared/api.ts';
import { TextField } from '../shared/components/TextField.tsx';
import { formatMoney } from '../shared/format.ts';
import { STAFF } from './api.ts';
import { ErrorAlert, fieldError, formText, parseMoney, polishToday } from './ui.tsx';
import { DateField } from '../shared/components/DateField.tsx';

interface MoneyFormProps {
  customerId: number;
  creditGrosze: number;
  onDone: () => void;
}

/** Cash desk payment (KP receipt) and refund of an overpayment, on the customer's page. */
export function CustomerMoneyForms({ customerId, creditGrosze, onDone }: MoneyFormProps) {
  const { t } = useTranslation('backoffice');
  const [done, setDone] = useState<string | null>(null);
  const [amountError, setAmountError] = useState<{ form: 'cash' | 'refund'; message: string } | null>(null);

  const cash = useMutation({
    mutationFn: (input: { amountGrosze: number; receiptNumber: string; receivedOn: string }) =>
      api.post<{ paymentId: number }>(`${STAFF}/payments/cash-desk`, { customerId, ...input }),
    onSuccess: (_answer, input) => {
      setDone(t('money.cashRecorded', { amount: formatMoney(input.amountGrosze) }));
      onDone();
    },
  });
  const refund = useMutation({
    mutationFn: (input: { amountGrosze: number; accountNumber: string; reason: string }) =>
      api.post<{ refundPaymentId: number }>(`${STAFF}/payments/refunds`, { customerId, ...input }),
    onSuccess: (_answer, input) => {
      setDone(t('money.refundRecorded', { amount: formatMoney(input.amountGrosze) }));
      onDone();
    },
  });

  function submitCash(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const amount = parseMoney(formText(form, 'amount'));
    if (amount === null || amount <= 0) {
      setAmountError({ form: 'cash', message: t('money.amountInvalid') });
      return;
    }
    setAmountError(null);
    setDone(null);
    cash.mutate({
      amountGrosze: amount,
      receiptNumber: formText(form, 'receiptNumber'),
      receivedOn: formText(form, 'receivedOn'),
    });
  }

  function submitRefund(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const amount = parseMoney(formText(form, 'amount'));
    if (amount === null || amount <= 0) {
      setAmountError({ form: 'refund', message: t('money.amountInvalid') });
      return;
    }
    setAmountError(null);
    setDone(null);
    refund.mutate({
      amountGrosze: amount,
      accountNumber: formText(form, 'accountNumber').replace(/\s/g, ''),
      reason: formText(form, 'reason'),
    });
  }

  return (
    <div className="bo-columns">
      <p role="status" className="bo-status">
        {done}
      </p>
      <form className="bo-form" onSubmit={submitCash} aria-labelledby="cash-heading">
        <h3 id="cash-heading">{t('money.cashHeading')}</h3>
        {cash.error ? <ErrorAlert error={cash.error} /> : null}
        <TextField
          name="amount"
          label={t('money.amount')}
          inputMode="decimal"
          required
          error={amountError?.form === 'cash' ? amountError.message : fieldError(cash.error, 'amountGrosze')}
        />
        <TextField
          name="receiptNumber"
          label={t('money.receiptNumber')}
          required
          error={fieldError(cash.error, 'receiptNumber')}
        />
        <DateField name="receivedOn" label={t('money.receivedOn')} defaultValue={polishToday()} />
        <button type="submit" className="button button--primary" disabled={cash.isPending}>
          {t('money.cashSubmit')}
        </button>
      </form>
      <form className="bo-form" onSubmit={submitRefund} aria-labelledby="refund-heading">
        <h3 id="refund-heading">{t('money.refundHeading')}</h3>
        <p>{t('money.creditAvailable', { amount: formatMoney(creditGrosze) })}</p>
        {refund.error ? <ErrorAlert error={refund.error} /> : null}
        <TextField
          name="amount"
          label={t('money.amount')}
          inputMode="decimal"
          required
          error={
            amountError?.form === 'refund' ? amountError.message : fieldError(refund.error, 'amountGrosze')
          }
        />
        <TextField
          name="accountNumber"
          label={t('money.accountNumber')}
          inputMode="numeric"
          required
          error={fieldError(refund.error, 'accountNumber')}
        />
        <TextField
          name="reason"
          label={t('money.reason')}
          required
          error={fieldError(refund.error, 'reason')}
        />
        <button
          type="submit"
          className="button button--primary"
          disabled={refund.isPending || creditGrosze <= 0}
        >
          {t('money.refundSubmit')}
        </button>
      </form>
    </div>
  );
}
