-- What the back office needs beyond the earlier migrations.

-- The rejected lines of a readings import, kept with its batch: the report can be shown again later, and a second
-- import of the same file (recognised by its SHA-256) answers with the first report instead of changing anything.
create table reading_import_rejections (
  batch_id bigint not null references reading_import_batches (id),
  line integer not null check (line > 0),
  reason text not null check (reason in (
    'malformed_line', 'malformed_date', 'malformed_value', 'unknown_source', 'unknown_meter', 'meter_not_installed',
    'future_date', 'below_previous', 'above_following', 'duplicate'
  )),
  detail text not null,
  content text not null,
  primary key (batch_id, line)
);

-- Lines taken in but held for review (implausible values) are counted apart from those accepted outright.
alter table reading_import_batches
  add column pending_count integer not null default 0 check (pending_count >= 0),
  add column line_count integer not null default 0 check (line_count >= 0);

-- Search as you type: prefix matches on what staff type into the one search box.
create index customers_first_name_idx on customers (lower(first_name) text_pattern_ops);
create index customers_street_idx on customers (lower(street) text_pattern_ops);
create index customers_number_prefix_idx on customers (customer_number text_pattern_ops);
create index customers_nip_prefix_idx on customers (nip text_pattern_ops);
create index service_points_code_idx on service_points (lower(code) text_pattern_ops);
create index meters_serial_prefix_idx on meters (lower(serial_number) text_pattern_ops);
create index invoices_number_prefix_idx on invoices (lower(number) text_pattern_ops);

-- The audit log is searched by who acted, newest first.
create index audit_log_actor_idx on audit_log (actor_kind, actor_id, occurred_at);
