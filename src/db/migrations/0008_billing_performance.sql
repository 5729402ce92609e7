-- Billing at scale.

-- A billing batch looks up the previous invoices of its service points, newest first. The plain index on
-- (service_point_id, period_to) loses to invoices_one_per_run_and_point whenever the planner believes the
-- invoices table to be small (as it does while a first run fills it, before statistics are gathered), and
-- that plan reads every invoice issued so far for every batch: billing slowed down as it went. This index
-- matches the query's conditions exactly, so the lookup stays a few index probes per service point.
create index invoices_service_point_history_idx on invoices (service_point_id, period_to desc)
  where kind = 'invoice' and cancelled_at is null;

-- An invoice's amount due adds the differences of its corrections. Credit applied by every billing batch, the
-- allocation trigger and the payment reminders look them up per invoice; without this index each lookup read
-- the whole invoices table. Most invoices correct none: partial.
create index invoices_corrects_invoice_idx on invoices (corrects_invoice_id) where corrects_invoice_id is not null;
