import type { Kysely, Selectable } from 'kysely';
import type { DB, TermsVersions } from '../../db/schema.ts';

export interface TermsVersion {
  id: number;
  version: string;
  effectiveFrom: string;
  title: { pl: string; en: string };
  body: { pl: string; en: string };
}

/** The version in force on a date: the latest one that has taken effect. */
export async function currentTerms(
  db: Kysely<DB>,
  document: 'ibok' | 'e_invoice',
  today: string,
): Promise<TermsVersion | undefined> {
  const row = await db
    .selectFrom('terms_versions')
    .selectAll()
    .where('document', '=', document)
    .where('effective_from', '<=', today)
    .orderBy('effective_from', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row && termsOf(row);
}

/**
 * One version by its name: the one a customer accepted years ago, or one announced before it takes effect
 * (customers are told of new terms in advance).
 */
export async function termsByVersion(
  db: Kysely<DB>,
  document: 'ibok' | 'e_invoice',
  version: string,
): Promise<TermsVersion | undefined> {
  const row = await db
    .selectFrom('terms_versions')
    .selectAll()
    .where('document', '=', document)
    .where('version', '=', version)
    .executeTakeFirst();
  return row && termsOf(row);
}

function termsOf(row: Selectable<TermsVersions>): TermsVersion {
  return {
    id: row.id,
    version: row.version,
    effectiveFrom: row.effective_from,
    title: { pl: row.title_pl, en: row.title_en },
    body: { pl: row.body_pl, en: row.body_en },
  };
}

export async function hasAccepted(db: Kysely<DB>, loginId: number, termsVersionId: number): Promise<boolean> {
  const row = await db
    .selectFrom('terms_acceptances')
    .select('id')
    .where('customer_login_id', '=', loginId)
    .where('terms_version_id', '=', termsVersionId)
    .executeTakeFirst();
  return row !== undefined;
}

export async function recordAcceptance(
  db: Kysely<DB>,
  values: { loginId: number; termsVersionId: number; now: Date; ip: string },
): Promise<void> {
  await db
    .insertInto('terms_acceptances')
    .values({
      customer_login_id: values.loginId,
      terms_version_id: values.termsVersionId,
      accepted_at: values.now,
      ip: values.ip,
    })
    .onConflict((conflict) => conflict.columns(['terms_version_id', 'customer_login_id']).doNothing())
    .execute();
}
