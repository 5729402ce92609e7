import { api, getDated } from '../../shared/api.ts';
import type {
  InvoiceDetail,
  InvoiceListAnswer,
  InvoiceStatus,
  OnlinePayment,
  PayableAnswer,
  PaymentsAnswer,
  QuoteAnswer,
  SettlementsAnswer,
  SummaryAnswer,
} from './types.ts';

/** Query keys and calls of the money pages; every key starts with 'me' so sign-out drops them all. */
const base = '/api/v1/me';

function query(parameters: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(parameters)) {
    if (value !== undefined && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

export interface PeriodFilter {
  from?: string | undefined;
  to?: string | undefined;
}

export const moneyQueries = {
  summary: () => ({
    queryKey: ['me', 'summary'] as const,
    queryFn: ({ signal }: { signal: AbortSignal }) => getDated<SummaryAnswer>(`${base}/summary`, signal),
    // Fetched early by the route, it must not be fetched again when the page mounts a moment later.
    staleTime: 10_000,
  }),
  settlements: (filter: PeriodFilter) => ({
    queryKey: ['me', 'settlements', filter] as const,
    queryFn: ({ signal }: { signal: AbortSignal }) =>
      getDated<SettlementsAnswer>(`${base}/settlements${query({ ...filter })}`, signal),
  }),
  invoices: (filter: { status?: InvoiceStatus | undefined; page: number; pageSize: number }) => ({
    queryKey: ['me', 'invoices', filter] as const,
    queryFn: ({ signal }: { signal: AbortSignal }) =>
      getDated<InvoiceListAnswer>(`${base}/invoices${query({ ...filter })}`, signal),
  }),
  invoice: (id: number) => ({
    queryKey: ['me', 'invoice', id] as const,
    queryFn: ({ signal }: { signal: AbortSignal }) =>
      getDated<InvoiceDetail>(`${base}/invoices/${id}`, signal),
  }),
  payments: () => ({
    queryKey: ['me', 'payments'] as const,
    queryFn: ({ signal }: { signal: AbortSignal }) => getDated<PaymentsAnswer>(`${base}/payments`, signal),
  }),
  payable: () => ({
    queryKey: ['me', 'payable'] as const,
    queryFn: ({ signal }: { signal: AbortSignal }) =>
      api.get<PayableAnswer>(`${base}/payments/payable`, signal),
  }),
  onlinePayment: (id: number) => ({
    queryKey: ['me', 'online-payment', id] as const,
    queryFn: ({ signal }: { signal: AbortSignal }) =>
      api.get<OnlinePayment>(`${base}/payments/${id}`, signal),
  }),
};

export const quotePayment = (invoiceIds: number[]) =>
  api.post<QuoteAnswer>(`${base}/payments/quote`, { invoiceIds });
export const startPayment = (invoiceIds: number[]) =>
  api.post<OnlinePayment>(`${base}/payments`, { invoiceIds });
export const cancelPayment = (id: number) => api.post<OnlinePayment>(`${base}/payments/${id}/cancel`);

export const invoicePdfUrl = (id: number) => `${base}/invoices/${id}/pdf`;
