import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, ApiError } from '../../shared/api.ts';
import { FormAlert } from '../../shared/components/FormAlert.tsx';
import { TextField } from '../../shared/components/TextField.tsx';
import { changeLanguage } from '../../shared/i18n/index.ts';
import { usePageTitle } from '../../shared/page-title.ts';
import { formValue, QueryView, useErrorMessage } from './common.tsx';
import { EmailChangeForm } from './EmailChangeForm.tsx';
import { NotificationPreferences, profileKey, useProfile } from './NotificationPreferences.tsx';
import { TwoFactorSection } from './TwoFactorSection.tsx';
import { SessionsSection } from './SessionsSection.tsx';
import type { Address, ProfileAnswer, ProfileCustomer } from './types.ts';

const formatAddress = (address: Address) =>
  `${address.street} ${address.building}${address.apartment ? `/${address.apartment}` : ''}, ${address.postalCode} ${address.city}`;

/** Profile: contact data, language, notices, sessions, two-step sign-in, terms and the data export. */
export default function ProfilePage() {
  const { t } = useTranslation('usage');
  usePageTitle(t('profile.title'));
  const profile = useProfile();
  return (
    <div className="usage-page">
      <h1>{t('profile.heading')}</h1>
      <QueryView query={profile}>
        {(data) => (
          <>
            <section className="usage-section" aria-labelledby="profile-login">
              <h2 id="profile-login">{t('profile.login')}</h2>
              <dl className="usage-facts">
                <div>
                  <dt>{t('profile.loginEmail')}</dt>
                  <dd>{data.login.email}</dd>
                </div>
              </dl>
              <EmailChangeForm />
              <LanguageForm current={data.login.language} />
            </section>
            {data.customers.map((customer) => (
              <ContactSection key={customer.customerId} customer={customer} />
            ))}
            <section className="usage-section" aria-labelledby="profile-notices">
              <h2 id="profile-notices">{t('preferences.sectionHeading')}</h2>
              <NotificationPreferences profile={data} headingLevel={3} />
            </section>
          </>
        )}
      </QueryView>
      <SessionsSection />
      <TwoFactorSection />
      <section className="usage-section" aria-labelledby="profile-documents">
        <h2 id="profile-documents">{t('profile.documents')}</h2>
        <ul className="usage-links">
          <li>
            <Link to="/regulamin">{t('profile.terms')}</Link>
          </li>
          <li>
            <Link to="/konto/e-faktura">{t('profile.eInvoice')}</Link>
          </li>
          <li>
            <a href="/api/v1/me/export.json" download>
              {t('profile.exportJson')}
            </a>
          </li>
          <li>
            <a href="/api/v1/me/export.csv" download>
              {t('profile.exportCsv')}
            </a>
          </li>
        </ul>
      </section>
    </div>
  );
}

function LanguageForm({ current }: { current: 'pl' | 'en' }) {
  const { t } = useTranslation('usage');
  const describeError = useErrorMessage();
  const queryClient = useQueryClient();
  const [saved, setSaved] = useState(false);
  const save = useMutation({
    mutationFn: (language: 'pl' | 'en') => api.patch<ProfileAnswer>('/api/v1/me/profile', { language }),
    onSuccess: async (answer) => {
      queryClient.setQueryData(profileKey, answer);
      await changeLanguage(answer.login.language);
      setSaved(true);
    },
  });
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const value = formValue(new FormData(event.currentTarget), 'language');
    setSaved(false);
    save.mutate(value === 'en' ? 'en' : 'pl');
  }
  return (
    <form className="form usage-inline-form" onSubmit={submit}>
      <div className="field">
        <label className="field__label" htmlFor="profile-language">
          {t('profile.language')}
        </label>
        <p className="field__hint" id="profile-language-hint">
          {t('profile.languageHint')}
        </p>
        <select
          id="profile-language"
          name="language"
          className="field__input"
          defaultValue={current}
          aria-describedby="profile-language-hint"
        >
          <option value="pl" lang="pl">
            Polski
          </option>
          <option value="en" lang="en">
            English
          </option>
        </select>
      </div>
      {save.isError ? <FormAlert message={describeError(save.error)} /> : null}
      <button type="submit" className="button button--secondary" disabled={save.isPending}>
        {t('profile.saveLanguage')}
      </button>
      <p role="status" className="usage-status">
        {saved ? t('profile.saved') : ''}
      </p>
    </form>
  );
}

function ContactSection({ customer }: { customer: ProfileCustomer }) {
  const { t } = useTranslation('usage');
  const headingId = `contact-${customer.customerId}`;
  return (
    <section className="usage-section" aria-labelledby={headingId}>
      <h2 id={headingId}>
        {t('profile.contactFor', { name: customer.name, number: customer.customerNumber })}
      </h2>
      {customer.contact ? (
        <>
          <dl className="usage-facts">
            <div>
              <dt>{t('profile.address')}</dt>
              <dd>{formatAddress(customer.contact.address)}</dd>
            </div>
            {customer.contact.mailingAddress ? (
              <div>
                <dt>{t('profile.mailingAddress')}</dt>
                <dd>{formatAddress(customer.contact.mailingAddress)}</dd>
              </div>
            ) : null}
            <div>
              <dt>{t('profile.contactEmail')}</dt>
              <dd>{customer.contact.email ?? t('profile.none')}</dd>
            </div>
            {customer.contact.nip ? (
              <div>
                <dt>{t('profile.nip')}</dt>
                <dd>{customer.contact.nip}</dd>
              </div>
            ) : null}
          </dl>
          {customer.editable ? <PhoneForm customer={customer} phone={customer.contact.phone} /> : null}
          <p className="field__hint">{t('profile.addressChange')}</p>
        </>
      ) : (
        <p>{t('profile.managerOnly')}</p>
      )}
    </section>
  );
}

function PhoneForm({ customer, phone }: { customer: ProfileCustomer; phone: string | null }) {
  const { t } = useTranslation('usage');
  const describeError = useErrorMessage();
  const queryClient = useQueryClient();
  const [saved, setSaved] = useState(false);
  const save = useMutation({
    mutationFn: (value: string | null) =>
      api.patch<ProfileAnswer>('/api/v1/me/profile', { customerId: customer.customerId, phone: value }),
    onSuccess: (answer) => {
      queryClient.setQueryData(profileKey, answer);
      setSaved(true);
    },
  });
  const fieldError = save.error instanceof ApiError ? save.error.fields['phone'] : undefined;
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const value = formValue(new FormData(event.currentTarget), 'phone').trim();
    setSaved(false);
    save.mutate(value === '' ? null : value);
  }
  return (
    <form className="form usage-inline-form" noValidate onSubmit={submit}>
      <TextField
        name="phone"
        type="tel"
        label={t('profile.phone')}
        hint={t('profile.phoneHint')}
        autoComplete="tel"
        defaultValue={phone ?? ''}
        error={fieldError}
      />
      {save.isError && !fieldError ? <FormAlert message={describeError(save.error)} /> : null}
      <button type="submit" className="button button--secondary" disabled={save.isPending}>
        {t('profile.savePhone')}
      </button>
      <p role="status" className="usage-status">
        {saved ? t('profile.saved') : ''}
      </p>
    </form>
  );
}
