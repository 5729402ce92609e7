import { expect, it } from 'vitest';
import { testConfig } from '../../../tests/support/app.ts';
import { describeEachDatabase } from '../../../tests/support/database.ts';
import { verifyPassword } from '../../modules/auth/passwords.ts';
import { openSecret } from '../../modules/auth/sealed-secret.ts';
import { UsageError, type CommandContext } from '../command.ts';
import { createStaffCommand } from './create-staff.ts';

describeEachDatabase('cli create-staff', (context) => {
  const run = async (argv: string[], environment: Record<string, string> = {}) => {
    const lines: string[] = [];
    const commandContext: CommandContext = {
      config: testConfig(environment),
      database: () => Promise.resolve(context.database),
      print: (line) => lines.push(line),
    };
    const code = await createStaffCommand.run(argv, commandContext);
    return { code, lines };
  };
  const staff = () => context.database.db.selectFrom('staff_users').selectAll().execute();

  it('creates a staff user with a generated password printed once and stored only as a hash', async () => {
    const { code, lines } = await run([
      '--email',
      'Admin@Wodociagi.example.pl',
      '--role',
      'admin',
      '--name',
      'Adam Admin',
    ]);
    expect(code).toBe(0);
    const [row] = await staff();
    expect(row).toMatchObject({
      email: 'admin@wodociagi.example.pl',
      role: 'admin',
      full_name: 'Adam Admin',
    });
    expect(lines[0]).toBe(`created staff user #${row!.id} admin@wodociagi.example.pl (admin)`);
    const password = /shown only now\): (\S+)$/.exec(lines[1]!)![1]!;
    expect(password.length).toBeGreaterThanOrEqual(20);
    expect(row!.password_hash).not.toContain(password);
    expect(await verifyPassword(row!.password_hash, password)).toBe(true);
    // An administrator gets an authenticator secret, shown once as an otpauth URI.
    // It is stored sealed (sealed-secret.ts): the database alone cannot make codes.
    expect(row!.totp_secret).toMatch(/^sealed:v1:/);
    const secret = openSecret(testConfig().encryptionKey, row!.totp_secret!);
    expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
    expect(row!.totp_secret).not.toContain(secret);
    expect(lines[2]).toBe(
      `authenticator (admins must use it; shown only now): otpauth://totp/iBOK:admin%40wodociagi.example.pl?secret=${secret}&issuer=iBOK`,
    );
  });

  it('takes the password from STAFF_PASSWORD without printing it, and checks it', async () => {
    const { lines } = await run(['--email', 'op@example.pl', '--role', 'operator'], {
      STAFF_PASSWORD: 'Operator-Hasło-Długie-9',
    });
    expect(lines).toHaveLength(1);
    expect(lines.join()).not.toContain('Operator-Hasło');
    const [row] = await staff();
    expect(row!.full_name).toBe('op');
    expect(await verifyPassword(row!.password_hash, 'Operator-Hasło-Długie-9')).toBe(true);
    await expect(
      run(['--email', 'x@example.pl', '--role', 'operator'], { STAFF_PASSWORD: 'password123' }),
    ).rejects.toThrow('STAFF_PASSWORD is refused');
  });

  it('refuses bad arguments and a duplicate e-mail with a usage error', async () => {
    await expect(run(['--email', 'x@example.pl', '--role', 'boss'])).rejects.toThrow(UsageError);
    await expect(run(['--email', 'not-an-email', '--role', 'admin'])).rejects.toThrow(
      '--email must be an e-mail address',
    );
    await expect(run(['--email', 'x@example.pl', '--role', 'admin', '--extra'])).rejects.toThrow(UsageError);
    await run(['--email', 'dup@example.pl', '--role', 'read_only']);
    await expect(run(['--email', 'DUP@example.pl', '--role', 'admin'])).rejects.toThrow('already exists');
    expect(await staff()).toHaveLength(1);
  });
});
