import { pointAddress } from './meters/repository.ts';
import { idList, type Executor, type PortalScope } from './scope.ts';

export interface ContractWindow {
  customerId: number;
  contractNumber: string;
  services: 'water' | 'sewage' | 'water_and_sewage';
  from: string;
  /** Null while the contract is open-ended. */
  to: string | null;
}

export interface ServicePointView {
  id: number;
  code: string;
  address: string;
  customerGroup: 'household' | 'other';
  billingCycleMonths: number;
  contracts: ContractWindow[];
}

/** The service points the login's customers hold or held, each with the customers' contracts for it. */
export async function loadServicePoints(
  db: Executor,
  scope: Pick<PortalScope, 'customerIds'>,
): Promise<ServicePointView[]> {
  const rows = await db
    .selectFrom('contracts as c')
    .innerJoin('service_points as sp', 'sp.id', 'c.service_point_id')
    .select([
      'sp.id',
      'sp.code',
      'sp.street',
      'sp.building',
      'sp.apartment',
      'sp.postal_code',
      'sp.city',
      'sp.customer_group',
      'sp.billing_cycle_months',
      'c.customer_id',
      'c.contract_number',
      'c.services',
      'c.valid_from',
      'c.valid_to',
    ])
    .where('c.customer_id', 'in', idList(scope.customerIds))
    .orderBy('sp.code')
    .orderBy('c.valid_from')
    .execute();
  const points = new Map<number, ServicePointView>();
  for (const row of rows) {
    const point = points.get(row.id) ?? {
      id: row.id,
      code: row.code,
      address: pointAddress(row),
      customerGroup: row.customer_group === 'other' ? 'other' : 'household',
      billingCycleMonths: row.billing_cycle_months,
      contracts: [],
    };
    point.contracts.push({
      customerId: row.customer_id,
      contractNumber: row.contract_number,
      services: row.services === 'water' || row.services === 'sewage' ? row.services : 'water_and_sewage',
      from: row.valid_from,
      to: row.valid_to,
    });
    points.set(row.id, point);
  }
  return [...points.values()];
}

/** From the first contract's start to the last one's end (null: still open). */
export function visibleSpan(point: Pick<ServicePointView, 'contracts'>): { from: string; to: string | null } {
  const from = point.contracts.map((contract) => contract.from).sort()[0] ?? '9999-12-31';
  const ends = point.contracts.map((contract) => contract.to);
  const to = ends.includes(null)
    ? null
    : (ends
        .filter((end): end is string => end !== null)
        .sort()
        .at(-1) ?? null);
  return { from, to };
}
