import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../shared/api.ts';
import { FormAlert } from '../../shared/components/FormAlert.tsx';
import { useLocalized, useErrorMessage } from './common.tsx';
import type { Channels, ProfileAnswer, ProfileCustomer } from './types.ts';

export const profileKey = ['me', 'profile'] as const;

export function useProfile() {
  return useQuery({
    queryKey: profileKey,
    queryFn: ({ signal }) => api.get<ProfileAnswer>('/api/v1/me/profile', signal),
  });
}

/** Which notices the customer wants, per kind and channel (e-mail, SMS); one form per customer held. */
export function NotificationPreferences({
  profile,
  headingLevel = 2,
}: {
  profile: ProfileAnswer;
  headingLevel?: 2 | 3;
}) {
  const { t } = useTranslation('usage');
  const editable = profile.customers.filter((customer) => customer.editable);
  if (editable.length === 0) return <p>{t('preferences.notEditable')}</p>;
  return (
    <>
      {editable.map((customer) => (
        <PreferencesForm
          key={customer.customerId}
          customer={customer}
          kinds={profile.notificationKinds}
          showCustomer={profile.customers.length > 1}
          headingLevel={headingLevel}
        />
      ))}
    </>
  );
}

function PreferencesForm({
  customer,
  kinds,
  showCustomer,
  headingLevel,
}: {
  customer: ProfileCustomer;
  kinds: ProfileAnswer['notificationKinds'];
  showCustomer: boolean;
  headingLevel: 2 | 3;
}) {
  const { t } = useTranslation('usage');
  const describeError = useErrorMessage();
  const localized = useLocalized();
  const queryClient = useQueryClient();
  const [saved, setSaved] = useState(false);
  const hasPhone = Boolean(customer.contact?.phone);
  const save = useMutation({
    mutationFn: (preferences: Record<string, Channels>) =>
      api.patch<ProfileAnswer>('/api/v1/me/profile', {
        customerId: customer.customerId,
        notificationPreferences: preferences,
      }),
    onSuccess: (answer) => {
      queryClient.setQueryData(profileKey, answer);
      setSaved(true);
    },
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const preferences: Record<string, Channels> = {};
    for (const { kind } of kinds) {
      preferences[kind] = {
        email: form.get(`${kind}.email`) === 'on',
        ...(hasPhone ? { sms: form.get(`${kind}.sms`) === 'on' } : { sms: false }),
      };
    }
    setSaved(false);
    save.mutate(preferences);
  }

  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const headingId = `preferences-${customer.customerId}`;
  return (
    <form className="usage-card form usage-preferences" aria-labelledby={headingId} onSubmit={submit}>
      <Heading id={headingId}>
        {showCustomer
          ? t('preferences.headingFor', { name: customer.name, number: customer.customerNumber })
          : t('preferences.heading')}
      </Heading>
      {hasPhone ? null : <p className="field__hint">{t('preferences.smsNeedsPhone')}</p>}
      {kinds.map(({ kind, label }) => {
        const current = customer.notificationPreferences[kind] ?? { email: true, sms: false };
        return (
          <fieldset key={kind} className="usage-fieldset">
            <legend>{localized(label)}</legend>
            <label className="usage-check">
              <input type="checkbox" name={`${kind}.email`} defaultChecked={current.email} />
              {t('preferences.email')}
            </label>
            <label className="usage-check">
              <input type="checkbox" name={`${kind}.sms`} defaultChecked={current.sms} disabled={!hasPhone} />
              {t('preferences.sms')}
            </label>
          </fieldset>
        );
      })}
      {save.isError ? <FormAlert message={describeError(save.error)} /> : null}
      <button className="button button--primary" type="submit" disabled={save.isPending}>
        {t('preferences.save')}
      </button>
      <p role="status" className="usage-status">
        {saved ? t('preferences.saved') : ''}
      </p>
    </form>
  );
}
