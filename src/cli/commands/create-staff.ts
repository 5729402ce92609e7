import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { passwordProblem } from '../../modules/auth/password-policy.ts';
import { hashPassword } from '../../modules/auth/passwords.ts';
import { sealSecret } from '../../modules/auth/sealed-secret.ts';
import { newTotpSecret, otpauthUrl } from '../../modules/auth/totp.ts';
import {
  findStaffByEmail,
  insertStaffUser,
  isStaffRole,
  staffRoles,
} from '../../modules/auth/staff-store.ts';
import { UsageError, type Command } from '../command.ts';

const emailSchema = z.email();

/**
 * Creates a back-office account. The password comes from STAFF_PASSWORD (kept out of the command line and
 * so out of shell history and process lists) or is generated and printed once: it is stored only as a hash.
 */
export const createStaffCommand: Command = {
  name: 'create-staff',
  summary: 'Create a staff user (password from STAFF_PASSWORD, or generated and printed once).',
  usage: `create-staff --email E --role ${staffRoles.join('|')} [--name "Full Name"]`,
  async run(argv, context) {
    let values: { email?: string | undefined; role?: string | undefined; name?: string | undefined };
    try {
      ({ values } = parseArgs({
        args: argv,
        options: { email: { type: 'string' }, role: { type: 'string' }, name: { type: 'string' } },
        strict: true,
        allowPositionals: false,
      }));
    } catch (error) {
      throw new UsageError(`create-staff: ${(error as Error).message}`);
    }
    const email = values.email?.trim() ?? '';
    if (!emailSchema.safeParse(email).success)
      throw new UsageError('create-staff: --email must be an e-mail address');
    const role = values.role ?? '';
    if (!isStaffRole(role))
      throw new UsageError(`create-staff: --role must be one of ${staffRoles.join(', ')}`);
    const fullName = values.name?.trim() || email.split('@')[0]!;

    const given = context.config.staffPassword;
    if (given !== undefined) {
      const problem = passwordProblem(given, email);
      if (problem) throw new UsageError(`create-staff: STAFF_PASSWORD is refused: ${problem.en}`);
    }
    const password = given ?? randomBytes(18).toString('base64url');

    const database = await context.database();
    if (await findStaffByEmail(database.db, email)) {
      throw new UsageError(`create-staff: a staff user with the e-mail ${email} already exists`);
    }
    // Administrators must sign in with a second factor: their authenticator secret is made here, shown once.
    const totpSecret = role === 'admin' ? newTotpSecret() : undefined;
    const id = await insertStaffUser(database.db, {
      email,
      fullName,
      passwordHash: await hashPassword(password),
      role,
      ...(totpSecret ? { totpSecret: sealSecret(context.config.encryptionKey, totpSecret) } : {}),
    });
    context.print(`created staff user #${id} ${email.toLowerCase()} (${role})`);
    if (given === undefined) context.print(`generated password (shown only now): ${password}`);
    if (totpSecret) {
      context.print(
        `authenticator (admins must use it; shown only now): ${otpauthUrl(totpSecret, email.toLowerCase(), 'iBOK')}`,
      );
    }
    return 0;
  },
};
