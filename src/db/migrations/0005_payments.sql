-- Online payments, bank-statement reconciliation and refunds.
-- Money moves here, so the database itself refuses what must never happen: two open payments for one invoice,
-- one provider payment posted twice, a state change without a trace, an import posted twice, a refund of money
-- that was already spent.

-- A payment attempt through a provider (Przelewy24, PayU or the local sandbox). The customer pays
-- `invoices_grosze` for the chosen invoices plus `fee_grosze`; the provider charges `total_grosze`.
create table online_payments (
  id bigint generated always as identity primary key,
  -- Random, unguessable; sent to the provider as its session / external order id.
  session_id text not null unique check (session_id ~ '^[A-Za-z0-9_-]{16,64}$'),
  customer_id bigint not null references customers (id),
  customer_login_id bigint references customer_logins (id) on delete set null,
  provider text not null check (provider in ('sandbox', 'przelewy24', 'payu')),
  status text not null default 'pending' check (status in ('pending', 'paid', 'failed', 'expired', 'cancelled')),
  -- Why the last state change happened (e.g. 'provider_unavailable', 'declined', 'expired'); kept in the history.
  status_reason text,
  invoices_grosze bigint not null check (invoices_grosze > 0),
  fee_grosze bigint not null check (fee_grosze >= 0),
  total_grosze bigint not null,
  currency text not null default 'PLN' check (currency = 'PLN'),
  language text not null default 'pl' check (language in ('pl', 'en')),
  -- The provider's handle for the checkout (Przelewy24 token, PayU order id) and its order id once paid.
  provider_token text,
  provider_order_id text,
  redirect_url text,
  payment_id bigint unique references payments (id),
  expires_at timestamptz not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (total_grosze = invoices_grosze + fee_grosze),
  check ((status = 'paid') = (payment_id is not null))
);
create index online_payments_customer_idx on online_payments (customer_id, created_at);
create index online_payments_pending_idx on online_payments (expires_at) where status = 'pending';
create unique index online_payments_provider_order_key on online_payments (provider, provider_order_id)
  where provider_order_id is not null;

-- The invoices an attempt pays and how much of each. `open` mirrors "the attempt is pending", so that the partial
-- unique index below lets at most one pending attempt cover an invoice (double click, second tab, two devices).
create table online_payment_invoices (
  online_payment_id bigint not null references online_payments (id),
  invoice_id bigint not null references invoices (id),
  amount_grosze bigint not null check (amount_grosze > 0),
  open boolean not null default true,
  primary key (online_payment_id, invoice_id)
);
create unique index online_payment_invoices_one_open on online_payment_invoices (invoice_id) where open;

-- Every state an attempt went through (history, never overwritten). Filled by a trigger, so no code path can
-- change a status without leaving a row here.
create table online_payment_events (
  id bigint generated always as identity primary key,
  online_payment_id bigint not null references online_payments (id),
  from_status text,
  to_status text not null,
  reason text,
  occurred_at timestamptz not null default now()
);
create index online_payment_events_payment_idx on online_payment_events (online_payment_id, id);

create function online_payment_events_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'the payment history is append-only' using errcode = '42501';
end $$;
create trigger online_payment_events_append_only before update or delete on online_payment_events
  for each row execute function online_payment_events_append_only();

-- Allowed moves: pending -> paid | failed | expired | cancelled; a late, verified payment of a failed, expired or
-- cancelled attempt -> paid (the money arrived and must be posted). Paid is final. Amounts never change.
create function online_payments_guard() returns trigger language plpgsql as $$
begin
  if new.customer_id <> old.customer_id or new.invoices_grosze <> old.invoices_grosze
     or new.fee_grosze <> old.fee_grosze or new.session_id <> old.session_id or new.provider <> old.provider then
    raise exception 'online payment % cannot change its customer, amounts, session or provider', old.id
      using errcode = '23514';
  end if;
  if new.status <> old.status and not (
    (old.status = 'pending' and new.status in ('paid', 'failed', 'expired', 'cancelled'))
    or (old.status in ('failed', 'expired', 'cancelled') and new.status = 'paid')
  ) then
    raise exception 'online payment % cannot move from % to %', old.id, old.status, new.status
      using errcode = '23514';
  end if;
  return new;
end $$;
create trigger online_payments_guard before update on online_payments
  for each row execute function online_payments_guard();

create function online_payments_record_state() returns trigger language plpgsql as $$
begin
  if tg_op = 'INSERT' or new.status <> old.status then
    insert into online_payment_events (online_payment_id, from_status, to_status, reason, occurred_at)
      values (new.id, case when tg_op = 'INSERT' then null else old.status end, new.status, new.status_reason,
              coalesce(new.updated_at, now()));
  end if;
  -- An attempt that is no longer pending no longer blocks its invoices.
  if tg_op = 'UPDATE' and old.status = 'pending' and new.status <> 'pending' then
    update online_payment_invoices set open = false where online_payment_id = new.id;
  end if;
  return null;
end $$;
create trigger online_payments_record_state after insert or update on online_payments
  for each row execute function online_payments_record_state();

-- Every notification received from a provider, with what was done with it. Forged, mismatched and unknown ones
-- are kept here ('rejected') for staff; nothing secret is stored (signatures are not kept, nor buyer data).
create table payment_notifications (
  id bigint generated always as identity primary key,
  provider text not null,
  received_at timestamptz not null default now(),
  session_id text,
  online_payment_id bigint references online_payments (id),
  provider_order_id text,
  amount_grosze bigint,
  currency text,
  outcome text not null check (outcome in ('posted', 'duplicate', 'failed', 'noted', 'rejected', 'verify_failed')),
  reason text,
  remote_ip text
);
create index payment_notifications_outcome_idx on payment_notifications (outcome, received_at);
create index payment_notifications_payment_idx on payment_notifications (online_payment_id);

-- Bank statements imported by staff. The same file (by SHA-256) is imported once.
create table bank_statement_imports (
  id bigint generated always as identity primary key,
  file_name text not null,
  file_sha256 text not null unique check (file_sha256 ~ '^[0-9a-f]{64}$'),
  format text not null check (format in ('mt940', 'csv')),
  account_number text,
  statement_reference text,
  imported_at timestamptz not null default now(),
  staff_user_id bigint references staff_users (id),
  matched_count integer not null default 0 check (matched_count >= 0),
  unmatched_count integer not null default 0 check (unmatched_count >= 0),
  skipped_count integer not null default 0 check (skipped_count >= 0),
  duplicate_count integer not null default 0 check (duplicate_count >= 0),
  credited_grosze bigint not null default 0 check (credited_grosze >= 0)
);

-- Incoming transfers from statements. A bank transaction (account + reference) is taken once, whichever file
-- (daily, monthly, re-exported) it arrives in. Unmatched items wait here for staff to assign them.
create table bank_statement_items (
  id bigint generated always as identity primary key,
  import_id bigint not null references bank_statement_imports (id),
  line integer not null check (line > 0),
  account_number text not null,
  transaction_reference text not null,
  booked_on date not null,
  amount_grosze bigint not null check (amount_grosze > 0),
  currency text not null default 'PLN' check (currency = 'PLN'),
  counterparty_account text,
  counterparty_name text,
  title text,
  status text not null check (status in ('matched', 'unmatched', 'assigned')),
  match_method text check (match_method in ('account', 'invoice_number', 'staff')),
  customer_id bigint references customers (id),
  payment_id bigint unique references payments (id),
  resolved_by_staff_id bigint references staff_users (id),
  resolved_at timestamptz,
  unique (account_number, transaction_reference),
  check ((status = 'unmatched') = (payment_id is null)),
  check ((status = 'unmatched') = (match_method is null))
);
create index bank_statement_items_unmatched_idx on bank_statement_items (booked_on) where status = 'unmatched';
create index bank_statement_items_import_idx on bank_statement_items (import_id);

-- Refunds of overpaid money: the refund is a payment with channel 'refund' (negative amount); these rows say
-- whose unallocated money it returns, so refunded money can never also be allocated to an invoice.
create table payment_refunds (
  refund_payment_id bigint not null references payments (id),
  source_payment_id bigint not null references payments (id),
  amount_grosze bigint not null check (amount_grosze > 0),
  primary key (refund_payment_id, source_payment_id),
  check (refund_payment_id <> source_payment_id)
);
create index payment_refunds_source_idx on payment_refunds (source_payment_id);

create function payment_refunds_within_limits() returns trigger language plpgsql as $$
declare
  source_amount bigint;
  used bigint;
  refund_amount bigint;
begin
  select amount_grosze into source_amount from payments where id = new.source_payment_id for update;
  if source_amount is null or source_amount <= 0 then
    raise exception 'refund source % is not an incoming payment', new.source_payment_id using errcode = '23514';
  end if;
  select coalesce((select sum(amount_grosze) from payment_allocations where payment_id = new.source_payment_id), 0)
       + coalesce((select sum(amount_grosze) from payment_refunds where source_payment_id = new.source_payment_id), 0)
    into used;
  if used > source_amount then
    raise exception 'refund exceeds the unallocated money of payment %', new.source_payment_id using errcode = '23514';
  end if;
  select -amount_grosze into refund_amount from payments where id = new.refund_payment_id and channel = 'refund';
  if refund_amount is null
     or (select sum(amount_grosze) from payment_refunds where refund_payment_id = new.refund_payment_id) > refund_amount then
    raise exception 'refund sources exceed refund %', new.refund_payment_id using errcode = '23514';
  end if;
  return null;
end $$;
create trigger payment_refunds_within_limits after insert or update on payment_refunds
  for each row execute function payment_refunds_within_limits();

-- Allocations now also count refunded money against the payment, and lock the invoice too, so two payments
-- allocated at the same moment (a bank import and an online payment) cannot together overpay one invoice.
create or replace function payment_allocations_within_limits() returns trigger language plpgsql as $$
declare
  allocated_from_payment bigint;
  allocated_to_invoice bigint;
  amount_due bigint;
begin
  perform 1 from payments where id = new.payment_id for update;
  perform 1 from invoices where id = new.invoice_id for update;
  select coalesce(sum(amount_grosze), 0) into allocated_from_payment
    from payment_allocations where payment_id = new.payment_id;
  allocated_from_payment := allocated_from_payment
    + coalesce((select sum(amount_grosze) from payment_refunds where source_payment_id = new.payment_id), 0);
  if allocated_from_payment > (select amount_grosze from payments where id = new.payment_id) then
    raise exception 'allocations exceed payment %', new.payment_id using errcode = '23514';
  end if;
  select coalesce(sum(amount_grosze), 0) into allocated_to_invoice
    from payment_allocations where invoice_id = new.invoice_id;
  select i.gross_grosze + coalesce((select sum(c.gross_grosze) from invoices c where c.corrects_invoice_id = i.id), 0)
    into amount_due from invoices i where i.id = new.invoice_id;
  if allocated_to_invoice > amount_due then
    raise exception 'allocations exceed the amount due on invoice %', new.invoice_id using errcode = '23514';
  end if;
  return null;
end $$;
