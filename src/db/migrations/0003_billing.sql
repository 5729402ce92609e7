-- What the billing run needs beyond the initial model.

-- The volumes an invoice billed as an estimate, settled (trued up) by the next actual reading.
alter table invoices
  add column estimated_from date,
  add column estimated_to date,
  add column estimated_water_litres bigint,
  add column estimated_sewage_litres bigint,
  add constraint invoices_estimate_complete check (
    (estimated_from is null) = (estimated_to is null)
    and (estimated_from is null) = (estimated_water_litres is null)
    and (estimated_from is null) = (estimated_sewage_litres is null)
  );

-- Each line charges for a span of days (a tariff segment, or the estimated past for a true-up).
alter table invoice_lines
  add column period_from date,
  add column period_to date,
  add column estimated boolean not null default false;

-- An estimated period has no current reading: the estimate is printed instead.
alter table invoice_readings
  add column meter_role text not null default 'main' check (meter_role in ('main', 'sewage', 'garden')),
  alter column current_value_litres drop not null,
  alter column consumption_litres drop not null;
alter table invoice_readings alter column meter_role drop default;

create index contracts_service_point_idx on contracts (service_point_id, valid_from);
