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

-- An invoice's amount due is its gross plus the differences of its corrections; allocations are checked
-- against that, so a correction that raises the amount can be paid and one that lowers it cannot be overpaid.
create or replace function payment_allocations_within_limits() returns trigger language plpgsql as $$
declare
  allocated_from_payment bigint;
  allocated_to_invoice bigint;
  amount_due bigint;
begin
  perform 1 from payments where id = new.payment_id for update;
  select coalesce(sum(amount_grosze), 0) into allocated_from_payment
    from payment_allocations where payment_id = new.payment_id;
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
