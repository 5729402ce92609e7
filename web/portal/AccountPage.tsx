import { useTranslation } from 'react-i18next';
import { usePageTitle } from '../shared/page-title.ts';
import { useCustomerSession } from '../shared/session.ts';

/** The customer's dashboard (a placeholder until invoices, readings and payments arrive). */
export default function AccountPage() {
  const { t } = useTranslation();
  usePageTitle(t('account.title'));
  const session = useCustomerSession();
  const customers = session.data?.user.customers ?? [];
  return (
    <div className="narrow">
      <h1>{t('account.heading')}</h1>
      {customers.length > 0 ? (
        <ul className="plain-list">
          {customers.map((customer) => (
            <li key={customer.id}>
              {t('account.customer', { name: customer.name, number: customer.customerNumber })}
            </li>
          ))}
        </ul>
      ) : null}
      <p>{t('account.placeholder')}</p>
    </div>
  );
}
