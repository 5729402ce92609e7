-- What e-invoice delivery, paper printing and customer notifications need beyond the initial model.

-- One row per e-mail delivery of an invoice. Generation 1 is the delivery made when the invoice is issued;
-- each resend by staff adds the next generation, so the history of what was sent where is kept.
-- 'sending' is written (and committed) just before the message is handed to the mail server, with the
-- Message-ID the message will carry: after a crash in that state the retry reuses the same Message-ID.
create table invoice_deliveries (
  id bigint generated always as identity primary key,
  invoice_id bigint not null references invoices (id),
  generation integer not null check (generation > 0),
  recipient text not null,
  language text not null check (language in ('pl', 'en')),
  status text not null default 'queued' check (status in ('queued', 'sending', 'sent', 'failed')),
  attempts integer not null default 0 check (attempts >= 0),
  message_id text unique,
  last_error text,
  sending_started_at timestamptz,
  sent_at timestamptz,
  requested_by_staff_id bigint references staff_users (id),
  created_at timestamptz not null default now(),
  unique (invoice_id, generation),
  check ((status = 'sent') = (sent_at is not null)),
  check (status not in ('sending', 'sent') or message_id is not null)
);
create index invoice_deliveries_status_idx on invoice_deliveries (status, created_at);

-- A scanned paper statement of acceptance is kept as a file under DATA_DIR/scans; the row keeps its type and
-- size so the back office can serve it without guessing.
alter table e_invoice_consents
  add column scan_content_type text check (scan_content_type in ('application/pdf', 'image/jpeg', 'image/png')),
  add column scan_size_bytes integer check (scan_size_bytes > 0),
  add constraint e_invoice_consents_paper_date check (channel <> 'paper' or paper_received_on is not null),
  add constraint e_invoice_consents_scan_complete check (
    (scan_file is null) = (scan_content_type is null) and (scan_file is null) = (scan_size_bytes is null)
  );

-- Paper invoices of a billing run, printed as one PDF. An invoice is printed in one batch only, so a run
-- resumed later gets a second batch with just the invoices issued since.
create table paper_print_batches (
  id bigint generated always as identity primary key,
  billing_run_id bigint not null references billing_runs (id),
  status text not null default 'queued' check (status in ('queued', 'ready', 'failed')),
  invoice_count integer not null check (invoice_count > 0),
  file_name text,
  size_bytes integer,
  last_error text,
  created_by_staff_id bigint references staff_users (id),
  created_at timestamptz not null default now(),
  ready_at timestamptz,
  check ((status = 'ready') = (file_name is not null))
);
create index paper_print_batches_run_idx on paper_print_batches (billing_run_id);

create table paper_print_batch_invoices (
  batch_id bigint not null references paper_print_batches (id) on delete cascade,
  invoice_id bigint not null unique references invoices (id),
  position integer not null check (position > 0),
  primary key (batch_id, invoice_id),
  unique (batch_id, position)
);

-- Notifications are rendered when sent, from the data captured when the event was found (payload), in the
-- customer's language; 'sending' plays the same role as for invoice deliveries.
alter table notifications
  add column language text not null default 'pl' check (language in ('pl', 'en')),
  add column payload jsonb not null default '{}'::jsonb,
  add column attempts integer not null default 0 check (attempts >= 0),
  add column sending_started_at timestamptz,
  drop constraint notifications_status_check,
  add constraint notifications_status_check check (status in ('queued', 'sending', 'sent', 'failed'));
create index notifications_status_idx on notifications (status, created_at);
