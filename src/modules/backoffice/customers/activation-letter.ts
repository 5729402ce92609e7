import { randomInt } from 'node:crypto';
import type { Config } from '../../../config.ts';
import { activationCodeHash } from '../../auth/registration.ts';
import { writeAudit } from '../shared/audit.ts';
import type { StaffContext } from '../shared/context.ts';
import { notFoundError, notFoundText } from '../shared/errors.ts';
import { renderActivationLetter } from './activation-letter-pdf.ts';
import { customerName } from './search.ts';

/** Letters and digits nobody confuses on paper (no 0/O, 1/I/L). */
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** "ABCD-EFGH-2345": 12 random characters, about 59 bits. */
export function newActivationCode(): string {
  const characters = Array.from({ length: 12 }, () => ALPHABET[randomInt(ALPHABET.length)]!);
  return [0, 4, 8].map((start) => characters.slice(start, start + 4).join('')).join('-');
}

/**
 * Issues a new activation code for the customer and renders the letter that carries it. Only the code's SHA-256
 * is stored (the registration compares hashes); the previous code stops working. The audit entry says that a
 * letter was issued, never the code.
 */
export async function issueActivationLetter(
  context: StaffContext,
  customerId: number,
  config: Pick<Config, 'seller' | 'publicUrl'>,
) {
  const { database, actor, now, today, language } = context;
  const code = newActivationCode();
  const customer = await database.db
    .selectFrom('customers')
    .selectAll()
    .where('id', '=', customerId)
    .executeTakeFirst();
  if (!customer) throw notFoundError(notFoundText.customer, language);
  const mailing =
    customer.mail_street !== null &&
    customer.mail_building !== null &&
    customer.mail_postal_code !== null &&
    customer.mail_city !== null;
  const street = mailing ? customer.mail_street! : customer.street;
  const building = mailing ? customer.mail_building! : customer.building;
  const apartment = mailing ? customer.mail_apartment : customer.apartment;
  // Rendered before the code is stored: a letter that failed to render must not leave an unknown code behind.
  const pdf = await renderActivationLetter({
    seller: config.seller,
    portalUrl: config.publicUrl,
    date: today,
    customerNumber: customer.customer_number,
    recipientName: customerName(customer),
    recipientAddress: [
      `${street} ${apartment ? `${building}/${apartment}` : building}`,
      `${mailing ? customer.mail_postal_code : customer.postal_code} ${mailing ? customer.mail_city : customer.city}`,
    ],
    code,
  });
  await database.db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('customers')
      .select(['activation_code_hash'])
      .where('id', '=', customerId)
      .forUpdate()
      .executeTakeFirst();
    if (!row) throw notFoundError(notFoundText.customer, language);
    await trx
      .updateTable('customers')
      .set({ activation_code_hash: activationCodeHash(code), updated_at: now })
      .where('id', '=', customerId)
      .execute();
    await writeAudit(
      trx,
      actor,
      {
        action: 'customer.activation_code_issued',
        entity: 'customer',
        entityId: customerId,
        before: { activationCodeIssued: row.activation_code_hash !== null },
        after: { activationCodeIssued: true },
      },
      now,
    );
  });
  return { customerNumber: customer.customer_number, pdf };
}
