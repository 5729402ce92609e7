import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { usePageTitle } from '../../shared/page-title.ts';

/**
 * e-Faktura for everyone, signed in or not: what it is and the two ways to order it. Without an iBOK account the
 * customer downloads the terms and the blank statement, signs it and brings or posts it to the office.
 */
export default function EInvoiceInfoPage() {
  const { t } = useTranslation('usage');
  usePageTitle(t('eInvoiceInfo.title'));
  return (
    <div className="narrow">
      <h1>{t('eInvoiceInfo.heading')}</h1>
      <p className="lead">{t('eInvoiceInfo.intro')}</p>
      <section className="usage-section" aria-labelledby="e-invoice-with-account">
        <h2 id="e-invoice-with-account">{t('eInvoiceInfo.withAccount')}</h2>
        <p>{t('eInvoiceInfo.withAccountText')}</p>
        <p>
          <Link className="button button--primary" to="/konto/e-faktura">
            {t('eInvoiceInfo.signInAndOrder')}
          </Link>
        </p>
      </section>
      <section className="usage-section" aria-labelledby="e-invoice-on-paper">
        <h2 id="e-invoice-on-paper">{t('eInvoiceInfo.onPaper')}</h2>
        <ol className="usage-steps">
          <li>
            {t('eInvoiceInfo.stepTerms')}{' '}
            <a href="/api/v1/terms/e-invoice.pdf" download>
              {t('eInvoiceInfo.termsPdf')}
            </a>
          </li>
          <li>
            {t('eInvoiceInfo.stepStatement')}{' '}
            <a href="/api/v1/e-invoice/statement.pdf" download>
              {t('eInvoiceInfo.statementPdf')}
            </a>
          </li>
          <li>{t('eInvoiceInfo.stepDeliver')}</li>
          <li>{t('eInvoiceInfo.stepWait')}</li>
        </ol>
      </section>
    </div>
  );
}
