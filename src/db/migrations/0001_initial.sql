-- The initial data model. Money is integer grosze (bigint), volumes integer litres (bigint),
-- calendar dates are `date`, instants `timestamptz`. Constraints make illegal states impossible
-- rather than relying on application code alone.

-- Customers: households (person) and businesses (company).
create table customers (
  id bigint generated always as identity primary key,
  customer_number text not null unique check (customer_number ~ '^[0-9]{6,10}$'),
  kind text not null check (kind in ('person', 'company')),
  first_name text,
  last_name text,
  company_name text,
  pesel text check (pesel ~ '^[0-9]{11}$'),
  nip text check (nip ~ '^[0-9]{10}$'),
  email text,
  phone text,
  street text not null,
  building text not null,
  apartment text,
  postal_code text not null check (postal_code ~ '^[0-9]{2}-[0-9]{3}$'),
  city text not null,
  -- Correspondence address, when it differs from the main one.
  mail_street text,
  mail_building text,
  mail_apartment text,
  mail_postal_code text check (mail_postal_code ~ '^[0-9]{2}-[0-9]{3}$'),
  mail_city text,
  language text not null default 'pl' check (language in ('pl', 'en')),
  -- Registration in the portal requires a secret printed on a letter or invoice; only its hash is kept.
  activation_code_hash text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (
    (kind = 'person' and first_name is not null and last_name is not null)
    or (kind = 'company' and company_name is not null and nip is not null)
  )
);
create index customers_last_name_idx on customers (lower(last_name) text_pattern_ops);
create index customers_company_name_idx on customers (lower(company_name) text_pattern_ops);
create index customers_nip_idx on customers (nip);
create index customers_email_idx on customers (lower(email));

-- Portal logins of customers. One login may hold several customers (e.g. a property manager).
create table customer_logins (
  id bigint generated always as identity primary key,
  email text not null,
  password_hash text not null,
  email_verified_at timestamptz,
  totp_secret text,
  language text not null default 'pl' check (language in ('pl', 'en')),
  failed_login_count integer not null default 0 check (failed_login_count >= 0),
  locked_until timestamptz,
  disabled_at timestamptz,
  last_login_at timestamptz,
  created_at timestamptz not null default now()
);
create unique index customer_logins_email_key on customer_logins (lower(email));

create table customer_login_access (
  login_id bigint not null references customer_logins (id) on delete cascade,
  customer_id bigint not null references customers (id) on delete cascade,
  role text not null default 'holder' check (role in ('holder', 'manager')),
  granted_at timestamptz not null default now(),
  primary key (login_id, customer_id)
);
create index customer_login_access_customer_idx on customer_login_access (customer_id);

-- Staff of the utility: a separate table, so a customer credential can never become a staff one.
create table staff_users (
  id bigint generated always as identity primary key,
  email text not null,
  full_name text not null,
  password_hash text not null,
  role text not null check (role in ('admin', 'operator', 'read_only')),
  totp_secret text,
  failed_login_count integer not null default 0 check (failed_login_count >= 0),
  locked_until timestamptz,
  disabled_at timestamptz,
  last_login_at timestamptz,
  created_at timestamptz not null default now()
);
create unique index staff_users_email_key on staff_users (lower(email));

-- Server-side sessions; the cookie carries a random token, the table only its SHA-256.
create table sessions (
  id bigint generated always as identity primary key,
  token_hash text not null unique,
  customer_login_id bigint references customer_logins (id) on delete cascade,
  staff_user_id bigint references staff_users (id) on delete cascade,
  created_at timestamptz not null default now(),
  last_seen_at timestamptz not null default now(),
  expires_at timestamptz not null,
  revoked_at timestamptz,
  ip text,
  user_agent text,
  check ((customer_login_id is null) <> (staff_user_id is null))
);
create index sessions_customer_login_idx on sessions (customer_login_id);
create index sessions_staff_user_idx on sessions (staff_user_id);

-- Single-use expiring tokens sent by e-mail (verification, password reset, e-mail change).
create table login_tokens (
  id bigint generated always as identity primary key,
  customer_login_id bigint not null references customer_logins (id) on delete cascade,
  purpose text not null check (purpose in ('verify_email', 'reset_password', 'change_email')),
  token_hash text not null unique,
  new_email text,
  expires_at timestamptz not null,
  used_at timestamptz,
  created_at timestamptz not null default now()
);

-- Versioned documents the customer accepts: iBOK terms and e-invoice terms.
create table terms_versions (
  id bigint generated always as identity primary key,
  document text not null check (document in ('ibok', 'e_invoice')),
  version text not null,
  effective_from date not null,
  title_pl text not null,
  title_en text not null,
  body_pl text not null,
  body_en text not null,
  created_at timestamptz not null default now(),
  unique (document, version)
);

create table terms_acceptances (
  id bigint generated always as identity primary key,
  terms_version_id bigint not null references terms_versions (id),
  customer_login_id bigint not null references customer_logins (id) on delete cascade,
  accepted_at timestamptz not null default now(),
  ip text,
  unique (terms_version_id, customer_login_id)
);

-- Service points: the place where water is supplied and sewage collected.
create table service_points (
  id bigint generated always as identity primary key,
  code text not null unique,
  street text not null,
  building text not null,
  apartment text,
  postal_code text not null check (postal_code ~ '^[0-9]{2}-[0-9]{3}$'),
  city text not null,
  customer_group text not null check (customer_group in ('household', 'other')),
  -- Billing cycle: a period of `billing_cycle_months` months; periods end in months where
  -- (month - billing_cycle_offset) is divisible by the cycle length.
  billing_cycle_months integer not null default 1 check (billing_cycle_months in (1, 2, 3, 6, 12)),
  billing_cycle_offset integer not null default 0 check (billing_cycle_offset >= 0 and billing_cycle_offset < 12),
  -- Estimation norm for a point without consumption history (litres per day); null = the default.
  estimate_norm_litres_per_day integer check (estimate_norm_litres_per_day >= 0),
  created_at timestamptz not null default now()
);
create index service_points_street_idx on service_points (lower(street) text_pattern_ops, building);

-- Contracts link a customer to a service point for water, sewage or both, for a span of dates.
create table contracts (
  id bigint generated always as identity primary key,
  contract_number text not null unique,
  customer_id bigint not null references customers (id),
  service_point_id bigint not null references service_points (id),
  services text not null check (services in ('water', 'sewage', 'water_and_sewage')),
  signed_on date not null,
  valid_from date not null,
  valid_to date,
  created_at timestamptz not null default now(),
  check (valid_to is null or valid_to >= valid_from)
);
create index contracts_customer_idx on contracts (customer_id);
-- At most one open-ended contract per service point.
create unique index contracts_one_open_per_point on contracts (service_point_id) where valid_to is null;

-- Meters: main water meter, garden sub-meter, sewage meter.
create table meters (
  id bigint generated always as identity primary key,
  service_point_id bigint not null references service_points (id),
  serial_number text not null,
  kind text not null check (kind in ('main', 'sub', 'sewage')),
  -- Number of whole-m³ digits on the register; the counter rolls over at 10^digits m³.
  register_digits integer not null default 5 check (register_digits between 3 and 9),
  installed_on date not null,
  install_reading_litres bigint not null default 0 check (install_reading_litres >= 0),
  removed_on date,
  removal_reading_litres bigint check (removal_reading_litres >= 0),
  legalization_year integer not null check (legalization_year between 1950 and 2200),
  legalization_expires_on date not null,
  created_at timestamptz not null default now(),
  check (removed_on is null or removed_on >= installed_on),
  check ((removed_on is null) = (removal_reading_litres is null))
);
create index meters_service_point_idx on meters (service_point_id);
create index meters_serial_idx on meters (serial_number);
create index meters_legalization_idx on meters (legalization_expires_on) where removed_on is null;
-- One active main meter per service point...
create unique index meters_one_active_main on meters (service_point_id) where kind = 'main' and removed_on is null;
-- ...and no two main meters of a point overlapping in time (history included).
create function meters_forbid_overlapping_main() returns trigger language plpgsql as $$
begin
  if new.kind = 'main' and exists (
    select 1 from meters m
    where m.service_point_id = new.service_point_id and m.kind = 'main' and m.id <> new.id
      and m.installed_on < coalesce(new.removed_on, 'infinity'::date)
      and new.installed_on < coalesce(m.removed_on, 'infinity'::date)
  ) then
    raise exception 'service point % already has a main meter in that period', new.service_point_id
      using errcode = '23P01';
  end if;
  return new;
end $$;
create trigger meters_forbid_overlapping_main before insert or update on meters
  for each row execute function meters_forbid_overlapping_main();

-- Readings of meters, in litres. A corrected reading supersedes the old one (kept for history).
create table reading_import_batches (
  id bigint generated always as identity primary key,
  file_name text not null,
  file_sha256 text not null unique,
  imported_at timestamptz not null default now(),
  staff_user_id bigint references staff_users (id),
  accepted_count integer not null default 0,
  rejected_count integer not null default 0
);

create table readings (
  id bigint generated always as identity primary key,
  meter_id bigint not null references meters (id),
  read_on date not null,
  value_litres bigint not null check (value_litres >= 0),
  source text not null check (source in ('staff', 'amr', 'customer', 'estimate')),
  status text not null default 'accepted' check (status in ('pending', 'accepted', 'rejected', 'superseded')),
  superseded_by_id bigint references readings (id),
  status_reason text,
  import_batch_id bigint references reading_import_batches (id),
  created_by_staff_id bigint references staff_users (id),
  created_by_login_id bigint references customer_logins (id),
  created_at timestamptz not null default now()
);
create index readings_meter_date_idx on readings (meter_id, read_on);
-- One valid reading per meter and day.
create unique index readings_one_accepted_per_day on readings (meter_id, read_on) where status = 'accepted';
create index readings_pending_idx on readings (created_at) where status = 'pending';

-- Tariffs: versions per customer group with the date they take effect. Prices are grosze per m³ (net).
create table tariff_versions (
  id bigint generated always as identity primary key,
  customer_group text not null check (customer_group in ('household', 'other')),
  valid_from date not null,
  water_price_grosze_per_m3 bigint not null check (water_price_grosze_per_m3 >= 0),
  sewage_price_grosze_per_m3 bigint not null check (sewage_price_grosze_per_m3 >= 0),
  subscription_grosze_per_month bigint not null check (subscription_grosze_per_month >= 0),
  -- VAT rate in basis points: 800 = 8%.
  vat_rate_basis_points integer not null check (vat_rate_basis_points between 0 and 10000),
  description text,
  created_at timestamptz not null default now(),
  unique (customer_group, valid_from)
);

-- Billing runs: one per period; re-running a period resumes it.
create table billing_runs (
  id bigint generated always as identity primary key,
  period text not null unique check (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  status text not null check (status in ('running', 'completed', 'failed')),
  service_point_count integer not null default 0,
  invoice_count integer not null default 0,
  started_at timestamptz not null default now(),
  finished_at timestamptz,
  started_by_staff_id bigint references staff_users (id),
  last_error text
);

-- Gap-free numbering: the counter row is incremented inside the transaction that issues the invoice.
create table invoice_number_counters (
  series text not null check (series in ('FV', 'KOR')),
  year integer not null,
  month integer not null check (month between 1 and 12),
  last_number integer not null check (last_number >= 0),
  primary key (series, year, month)
);

create table invoices (
  id bigint generated always as identity primary key,
  number text not null unique,
  series text not null check (series in ('FV', 'KOR')),
  kind text not null check (kind in ('invoice', 'correction')),
  customer_id bigint not null references customers (id),
  service_point_id bigint not null references service_points (id),
  billing_run_id bigint references billing_runs (id),
  period_from date not null,
  period_to date not null,
  issue_date date not null,
  sale_date date not null,
  due_date date not null,
  -- Buyer and place as they were on the issue date (an invoice never changes afterwards).
  buyer_name text not null,
  buyer_address text not null,
  buyer_nip text check (buyer_nip ~ '^[0-9]{10}$'),
  service_point_address text not null,
  bank_account text not null check (bank_account ~ '^[0-9]{26}$'),
  net_grosze bigint not null,
  vat_grosze bigint not null,
  gross_grosze bigint not null,
  cancelled_at timestamptz,
  corrects_invoice_id bigint references invoices (id),
  correction_reason text,
  ksef_number text unique,
  delivery text not null default 'paper' check (delivery in ('paper', 'email')),
  notes jsonb not null default '[]'::jsonb,
  created_at timestamptz not null default now(),
  check (gross_grosze = net_grosze + vat_grosze),
  check (period_to >= period_from),
  check (due_date >= issue_date),
  check ((kind = 'correction') = (corrects_invoice_id is not null)),
  check ((kind = 'correction') = (series = 'KOR')),
  check (kind = 'correction' or gross_grosze >= 0)
);
create index invoices_customer_idx on invoices (customer_id, issue_date);
create index invoices_service_point_idx on invoices (service_point_id, period_to);
create index invoices_due_idx on invoices (due_date);
-- A billing run issues at most one invoice per service point.
create unique index invoices_one_per_run_and_point on invoices (billing_run_id, service_point_id)
  where kind = 'invoice';

create table invoice_lines (
  id bigint generated always as identity primary key,
  invoice_id bigint not null references invoices (id) on delete cascade,
  position integer not null check (position > 0),
  kind text not null,
  name_pl text not null,
  name_en text not null,
  unit text not null check (unit in ('m3', 'month')),
  -- Quantity in thousandths of the unit: litres for m³, thousandths of a month for the subscription.
  quantity_thousandths bigint not null,
  unit_price_grosze bigint not null,
  net_grosze bigint not null,
  vat_rate_basis_points integer not null check (vat_rate_basis_points between 0 and 10000),
  tariff_version_id bigint references tariff_versions (id),
  -- For correcting invoices: the line before the correction (the difference is in the columns above).
  corrected_quantity_thousandths bigint,
  corrected_net_grosze bigint,
  unique (invoice_id, position)
);
create index invoice_lines_tariff_idx on invoice_lines (tariff_version_id);

create table invoice_vat_summaries (
  invoice_id bigint not null references invoices (id) on delete cascade,
  vat_rate_basis_points integer not null check (vat_rate_basis_points between 0 and 10000),
  net_grosze bigint not null,
  vat_grosze bigint not null,
  gross_grosze bigint not null,
  primary key (invoice_id, vat_rate_basis_points),
  check (gross_grosze = net_grosze + vat_grosze)
);

-- The readings an invoice was computed from (printed on the invoice).
create table invoice_readings (
  invoice_id bigint not null references invoices (id) on delete cascade,
  meter_id bigint not null references meters (id),
  previous_reading_on date not null,
  previous_value_litres bigint not null check (previous_value_litres >= 0),
  current_reading_on date not null,
  current_value_litres bigint not null check (current_value_litres >= 0),
  current_estimated boolean not null,
  consumption_litres bigint not null,
  primary key (invoice_id, meter_id, current_reading_on)
);

-- A tariff version used by an invoice is frozen: changes need a new version.
create function tariff_versions_freeze_used() returns trigger language plpgsql as $$
begin
  if exists (select 1 from invoice_lines where tariff_version_id = old.id) then
    raise exception 'tariff version % is used by an invoice and cannot be changed', old.id
      using errcode = '55000';
  end if;
  return case when tg_op = 'DELETE' then old else new end;
end $$;
create trigger tariff_versions_freeze_used before update or delete on tariff_versions
  for each row execute function tariff_versions_freeze_used();

-- Payments by any channel, and their allocation to invoices.
create table payments (
  id bigint generated always as identity primary key,
  customer_id bigint not null references customers (id),
  channel text not null check (channel in ('online', 'transfer', 'cash_desk', 'refund')),
  amount_grosze bigint not null check (amount_grosze <> 0),
  fee_grosze bigint not null default 0 check (fee_grosze >= 0),
  currency text not null default 'PLN' check (currency = 'PLN'),
  received_on date not null,
  -- Provider order id or bank transaction reference: the same external payment posts once.
  external_reference text unique,
  title text,
  counterparty_account text,
  created_by_staff_id bigint references staff_users (id),
  created_at timestamptz not null default now(),
  check (channel = 'refund' or amount_grosze > 0),
  check (channel <> 'refund' or amount_grosze < 0)
);
create index payments_customer_idx on payments (customer_id, received_on);

create table payment_allocations (
  id bigint generated always as identity primary key,
  payment_id bigint not null references payments (id),
  invoice_id bigint not null references invoices (id),
  amount_grosze bigint not null check (amount_grosze > 0),
  created_at timestamptz not null default now(),
  unique (payment_id, invoice_id)
);
create index payment_allocations_invoice_idx on payment_allocations (invoice_id);

-- Allocations may never exceed the payment nor the invoice: money cannot be created by allocating it twice.
create function payment_allocations_within_limits() returns trigger language plpgsql as $$
declare
  allocated_from_payment bigint;
  allocated_to_invoice bigint;
begin
  perform 1 from payments where id = new.payment_id for update;
  select coalesce(sum(amount_grosze), 0) into allocated_from_payment
    from payment_allocations where payment_id = new.payment_id;
  if allocated_from_payment > (select amount_grosze from payments where id = new.payment_id) then
    raise exception 'allocations exceed payment %', new.payment_id using errcode = '23514';
  end if;
  select coalesce(sum(amount_grosze), 0) into allocated_to_invoice
    from payment_allocations where invoice_id = new.invoice_id;
  if allocated_to_invoice > (select gross_grosze from invoices where id = new.invoice_id) then
    raise exception 'allocations exceed invoice %', new.invoice_id using errcode = '23514';
  end if;
  return null;
end $$;
create trigger payment_allocations_within_limits after insert or update on payment_allocations
  for each row execute function payment_allocations_within_limits();

-- e-invoice consent history (VAT act art. 106n). The current state is the latest row per customer.
create table e_invoice_consents (
  id bigint generated always as identity primary key,
  customer_id bigint not null references customers (id),
  action text not null check (action in ('granted', 'withdrawn')),
  channel text not null check (channel in ('portal', 'paper')),
  email text,
  terms_version_id bigint references terms_versions (id),
  recorded_at timestamptz not null default now(),
  ip text,
  customer_login_id bigint references customer_logins (id),
  staff_user_id bigint references staff_users (id),
  paper_received_on date,
  scan_file text,
  check (action = 'withdrawn' or email is not null)
);
create index e_invoice_consents_customer_idx on e_invoice_consents (customer_id, recorded_at);

-- Notifications to customers, and their preferences per kind and channel.
create table notification_preferences (
  customer_id bigint not null references customers (id) on delete cascade,
  kind text not null,
  channel text not null check (channel in ('email', 'sms')),
  enabled boolean not null,
  primary key (customer_id, kind, channel)
);

create table notifications (
  id bigint generated always as identity primary key,
  customer_id bigint not null references customers (id),
  kind text not null,
  channel text not null check (channel in ('email', 'sms')),
  -- Identifies the event (e.g. 'invoice-issued:123'): the same event is never notified twice.
  event_key text not null,
  recipient text not null,
  subject text not null,
  status text not null default 'queued' check (status in ('queued', 'sent', 'failed')),
  message_id text,
  last_error text,
  created_at timestamptz not null default now(),
  sent_at timestamptz,
  unique (event_key, channel)
);
create index notifications_customer_idx on notifications (customer_id, created_at);

-- Durable job queue. Workers claim jobs with FOR UPDATE SKIP LOCKED.
create table jobs (
  id bigint generated always as identity primary key,
  queue text not null,
  payload jsonb not null default '{}'::jsonb,
  status text not null default 'queued' check (status in ('queued', 'running', 'done', 'failed')),
  attempts integer not null default 0 check (attempts >= 0),
  max_attempts integer not null default 10 check (max_attempts > 0),
  run_at timestamptz not null default now(),
  locked_at timestamptz,
  locked_by text,
  last_error text,
  -- Optional key that makes enqueueing idempotent.
  unique_key text unique,
  created_at timestamptz not null default now(),
  finished_at timestamptz
);
create index jobs_ready_idx on jobs (queue, run_at) where status = 'queued';

-- Audit log of changes. Append-only: updates and deletes are refused by the database.
create table audit_log (
  id bigint generated always as identity primary key,
  occurred_at timestamptz not null default now(),
  actor_kind text not null check (actor_kind in ('staff', 'customer', 'system')),
  actor_id bigint,
  action text not null,
  entity text not null,
  entity_id text,
  before jsonb,
  after jsonb,
  ip text
);
create index audit_log_entity_idx on audit_log (entity, entity_id);
create index audit_log_occurred_idx on audit_log (occurred_at);

create function audit_log_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'the audit log is append-only' using errcode = '42501';
end $$;
create trigger audit_log_append_only before update or delete on audit_log
  for each row execute function audit_log_append_only();
