import { generate } from 'otplib';
import type { Kysely } from 'kysely';
import type { App } from '../../app.ts';
import type { DB } from '../../db/schema.ts';
import { createContractHolder, createStaffUser } from '../../../tests/support/factories.ts';
import { signInStaff, type SignedIn } from '../../../tests/support/sessions.ts';
import { newTotpSecret } from '../auth/totp.ts';
import type { StaffRole } from '../auth/staff-store.ts';

/** Fixtures of the back-office tests: signed-in staff of each role and a billable service point. */

export interface StaffSession extends SignedIn {
  id: number;
  role: StaffRole;
}

/** A staff member of the role, signed in through the real endpoint (admins with an authenticator, as policy asks). */
export async function staffSession(app: App, db: Kysely<DB>, role: StaffRole): Promise<StaffSession> {
  const totpSecret = role === 'admin' ? newTotpSecret() : null;
  const staff = await createStaffUser(db, { role, fullName: `Pracownik ${role}`, totpSecret });
  // The code of the app's clock, which tests set to a fixed instant.
  const epoch = Math.floor(app.dependencies.now().getTime() / 1000);
  const session = await signInStaff(app, {
    ...staff,
    ...(totpSecret ? { totpCode: await generate({ secret: totpSecret, epoch }) } : {}),
  });
  return { ...session, id: staff.id, role };
}

export const HOUSEHOLD_TARIFF = {
  customer_group: 'household',
  valid_from: '2025-06-01',
  water_price_grosze_per_m3: 582,
  sewage_price_grosze_per_m3: 699,
  subscription_grosze_per_month: 500,
  vat_rate_basis_points: 800,
} as const;

export async function householdTariff(db: Kysely<DB>) {
  return db.insertInto('tariff_versions').values(HOUSEHOLD_TARIFF).returningAll().executeTakeFirstOrThrow();
}

/**
 * A household customer with a point billed monthly, water and sewage, a main meter installed on 2026-01-01 and
 * accepted readings at the ends of the given months (values in litres).
 */
export async function meteredCustomer(
  db: Kysely<DB>,
  options: {
    serialNumber?: string;
    readings?: [string, number][];
    customer?: Parameters<typeof createContractHolder>[1];
  } = {},
) {
  const holder = await createContractHolder(db, options.customer ?? {});
  const meter = await db
    .insertInto('meters')
    .values({
      service_point_id: holder.servicePoint.id,
      serial_number: options.serialNumber ?? `WM-${holder.servicePoint.id}`,
      kind: 'main',
      installed_on: '2026-01-01',
      legalization_year: 2025,
      legalization_expires_on: '2030-12-31',
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  const readings = options.readings ?? [];
  if (readings.length > 0) {
    await db
      .insertInto('readings')
      .values(
        readings.map(([date, value]) => ({
          meter_id: meter.id,
          read_on: date,
          value_litres: value,
          source: 'staff' as const,
        })),
      )
      .execute();
  }
  return { ...holder, meter };
}

/** The audit entries of an entity, oldest first. */
export async function auditOf(db: Kysely<DB>, entity: string, entityId: number | string) {
  return db
    .selectFrom('audit_log')
    .selectAll()
    .where('entity', '=', entity)
    .where('entity_id', '=', String(entityId))
    .orderBy('id')
    .execute();
}

export interface Route {
  method: string;
  url: string;
}

/**
 * Every route of the application, read from Fastify's own route tree (printRoutes), so a route added by any
 * module later is walked too. Each line is "├── <segment> (<METHODS>)" indented four characters per level;
 * a route's path is its ancestors' segments joined.
 */
export function routesOf(app: App): Route[] {
  const routes: Route[] = [];
  const stack: string[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const match = /^([│ ]*)[├└]── (.*?)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!match) continue;
    const depth = match[1]!.length / 4;
    stack.length = depth;
    stack.push(match[2]!);
    for (const method of (match[3] ?? '').split(', ').filter(Boolean))
      routes.push({ method, url: stack.join('') });
  }
  return routes;
}
