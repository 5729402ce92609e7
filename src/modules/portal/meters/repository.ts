import { meterVisible, type Executor, type PortalScope } from '../scope.ts';

export interface MeterRow {
  id: number;
  servicePointId: number;
  servicePointCode: string;
  servicePointAddress: string;
  serialNumber: string;
  kind: 'main' | 'sub' | 'sewage';
  registerDigits: number;
  installedOn: string;
  installReadingLitres: number;
  removedOn: string | null;
  removalReadingLitres: number | null;
  legalizationYear: number;
  legalizationExpiresOn: string;
}

export function pointAddress(point: {
  street: string;
  building: string;
  apartment: string | null;
  postal_code: string;
  city: string;
}) {
  const number = point.apartment ? `${point.building}/${point.apartment}` : point.building;
  return `${point.street} ${number}, ${point.postal_code} ${point.city}`;
}

/** The meters of the customer's service points during their contracts; current ones first. */
export async function loadMeters(
  db: Executor,
  scope: Pick<PortalScope, 'customerIds'>,
  filter: { meterId?: number; servicePointId?: number } = {},
): Promise<MeterRow[]> {
  let query = db
    .selectFrom('meters as m')
    .innerJoin('service_points as sp', 'sp.id', 'm.service_point_id')
    .select([
      'm.id',
      'm.service_point_id',
      'm.serial_number',
      'm.kind',
      'm.register_digits',
      'm.installed_on',
      'm.install_reading_litres',
      'm.removed_on',
      'm.removal_reading_litres',
      'm.legalization_year',
      'm.legalization_expires_on',
      'sp.code',
      'sp.street',
      'sp.building',
      'sp.apartment',
      'sp.postal_code',
      'sp.city',
    ])
    .where(meterVisible(scope.customerIds))
    .orderBy('sp.code')
    .orderBy((order) => order.parens(order('m.removed_on', 'is', null)), 'desc')
    .orderBy('m.kind')
    .orderBy('m.installed_on', 'desc')
    .orderBy('m.id');
  if (filter.meterId !== undefined) query = query.where('m.id', '=', filter.meterId);
  if (filter.servicePointId !== undefined)
    query = query.where('m.service_point_id', '=', filter.servicePointId);
  const rows = await query.execute();
  return rows.map((row) => ({
    id: row.id,
    servicePointId: row.service_point_id,
    servicePointCode: row.code,
    servicePointAddress: pointAddress(row),
    serialNumber: row.serial_number,
    kind: row.kind === 'sub' || row.kind === 'sewage' ? row.kind : 'main',
    registerDigits: row.register_digits,
    installedOn: row.installed_on,
    installReadingLitres: row.install_reading_litres,
    removedOn: row.removed_on,
    removalReadingLitres: row.removal_reading_litres,
    legalizationYear: row.legalization_year,
    legalizationExpiresOn: row.legalization_expires_on,
  }));
}
