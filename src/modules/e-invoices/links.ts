/**
 * Pages of the web portal that e-mails link to (relative to PUBLIC_URL). Kept in one place so that the
 * e-mails follow when the portal's routes change.
 */
export const portalPaths = {
  invoice: (invoiceId: number) => `/konto/faktury/${invoiceId}`,
  invoices: '/konto/faktury',
  eInvoice: '/konto/e-faktura',
  notifications: '/konto/powiadomienia',
  meters: '/konto/wodomierze',
  selfReading: '/konto/odczyty',
  payments: '/konto/platnosci',
} as const;

export function portalLink(publicUrl: string, path: string): string {
  return `${publicUrl.replace(/\/$/, '')}${path}`;
}
