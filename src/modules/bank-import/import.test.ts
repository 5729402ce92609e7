import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { StatementFormatError } from '../../adapters/bank-statements/index.ts';
import { describeImport, importStatementCommand } from '../../cli/commands/import-statement.ts';
import type { Database } from '../../db/database.ts';
import { customerAccountNumber } from '../../domain/index.ts';
import { describeEachDatabase } from '../../../tests/support/database.ts';
import { testConfig } from '../../../tests/support/app.ts';
import {
  billMonths,
  BANK_ACCOUNT_PREFIX,
  createPortalCustomer,
} from '../../../tests/support/portal-fixtures.ts';
import { importStatement } from './service.ts';
import { pkoStatement, subfields } from './test-statements.ts';

const now = new Date('2026-11-21T08:00:00Z');
const actor = { staffUserId: null, ip: null };
const encode = (text: string) => new TextEncoder().encode(text);
const run = (database: Database, content: string, fileName = 'wyciag.sta') =>
  importStatement(database, {
    fileName,
    content: encode(content),
    bankAccountPrefix: BANK_ACCOUNT_PREFIX,
    actor,
    now,
  });

async function twoCustomers(database: Database) {
  const anna = await createPortalCustomer(database.db);
  const jan = await createPortalCustomer(database.db);
  await billMonths(database, ['2026-09', '2026-10']);
  const invoicesOf = (customerId: number) =>
    database.db
      .selectFrom('invoices')
      .select(['id', 'number', 'gross_grosze'])
      .where('customer_id', '=', customerId)
      .orderBy('due_date')
      .execute();
  return {
    anna: { ...anna, invoices: await invoicesOf(anna.customerId) },
    jan: { ...jan, invoices: await invoicesOf(jan.customerId) },
  };
}

const amount = (value: number) => `${Math.floor(value / 100)},${String(value % 100).padStart(2, '0')}`;
const count = async (
  database: Database,
  table: 'payments' | 'payment_allocations' | 'bank_statement_items' | 'bank_statement_imports',
) =>
  Number(
    (
      await database.db
        .selectFrom(table)
        .select((select) => select.fn.countAll<number>().as('count'))
        .executeTakeFirstOrThrow()
    ).count,
  );

describeEachDatabase('bank statement import', (context) => {
  it('matches by individual account, then by invoice number, queues the rest, skips debits; the same file twice changes nothing', async () => {
    const { anna, jan } = await twoCustomers(context.database);
    const annaAccount = customerAccountNumber(BANK_ACCOUNT_PREFIX, anna.customerNumber);
    const [annaFirst, annaSecond] = anna.invoices;
    const janSecond = jan.invoices[1]!;
    const statement = pkoStatement({
      lines: [
        // Anna pays her second invoice by number, into her own account: that invoice first, the rest to the older one.
        {
          reference: 'R1',
          amount: amount(annaSecond!.gross_grosze + 1000),
          details: subfields(`Faktura ${annaSecond!.number}`, `~63${annaAccount}`),
        },
        {
          reference: 'R2',
          amount: amount(janSecond.gross_grosze),
          details: subfields(`Zaplata za ${janSecond.number.replaceAll('/', ' ')}`),
        },
        { reference: 'R3', amount: '10,00', details: subfields('Darowizna') },
        { reference: 'R4', amount: '25,00', debit: true, details: '073~00OPLATA~20Prowizja' },
      ],
    });
    const report = await run(context.database, statement);
    expect(report.matched.map((item) => [item.reference, item.customerId, item.method])).toEqual([
      ['R1', anna.customerId, 'account'],
      ['R2', jan.customerId, 'invoice_number'],
    ]);
    expect(report.unmatched.map((item) => [item.reference, item.amountGrosze])).toEqual([['R3', 1000]]);
    expect(report.skipped.map((item) => [item.reference, item.reason])).toEqual([['R4', 'debit']]);

    const allocations = await context.database.db
      .selectFrom('payment_allocations as a')
      .innerJoin('payments as p', 'p.id', 'a.payment_id')
      .select(['p.external_reference', 'a.invoice_id', 'a.amount_grosze'])
      .orderBy('a.id')
      .execute();
    expect(allocations).toEqual([
      {
        external_reference: 'bank:71102050110000009602030100:R1',
        invoice_id: annaSecond!.id,
        amount_grosze: annaSecond!.gross_grosze,
      },
      {
        external_reference: 'bank:71102050110000009602030100:R1',
        invoice_id: annaFirst!.id,
        amount_grosze: 1000,
      },
      {
        external_reference: 'bank:71102050110000009602030100:R2',
        invoice_id: janSecond.id,
        amount_grosze: janSecond.gross_grosze,
      },
    ]);
    const payment = await context.database.db
      .selectFrom('payments')
      .selectAll()
      .where('external_reference', '=', 'bank:71102050110000009602030100:R1')
      .executeTakeFirstOrThrow();
    expect(payment).toMatchObject({
      channel: 'transfer',
      fee_grosze: 0,
      received_on: '2026-11-20',
      counterparty_account: '50109010140000000012345678',
    });

    const before = {
      payments: await count(context.database, 'payments'),
      items: await count(context.database, 'bank_statement_items'),
    };
    const again = await run(context.database, statement, 'the-same-file-renamed.sta');
    expect(again).toMatchObject({
      alreadyImported: true,
      importId: report.importId,
      matched: [],
      unmatched: [],
    });
    // Another file (a later statement) repeating R1 and R3 and adding R5: only R5 is new.
    const overlapping = pkoStatement({
      reference: 'ST261120/2',
      lines: [
        {
          reference: 'R1',
          amount: amount(annaSecond!.gross_grosze + 1000),
          details: subfields(`Faktura ${annaSecond!.number}`, `~63${annaAccount}`),
        },
        { reference: 'R3', amount: '10,00', details: subfields('Darowizna') },
        { reference: 'R5', amount: '5,00', details: subfields('Nadplata', `~63${annaAccount}`) },
      ],
    });
    const second = await run(context.database, overlapping);
    expect(second.skipped.map((item) => [item.reference, item.reason])).toEqual([
      ['R1', 'duplicate'],
      ['R3', 'duplicate'],
    ]);
    expect(second.matched.map((item) => item.reference)).toEqual(['R5']);
    expect(await count(context.database, 'payments')).toBe(before.payments + 1);
    expect(await count(context.database, 'bank_statement_items')).toBe(before.items + 1);
    const audit = await context.database.db
      .selectFrom('audit_log')
      .select(['action', 'actor_kind'])
      .execute();
    expect(audit).toEqual([
      { action: 'bank_statement.imported', actor_kind: 'system' },
      { action: 'bank_statement.imported', actor_kind: 'system' },
    ]);
  });

  it('refuses a malformed file, a foreign currency and a repeated reference, naming the line, and imports nothing from it', async () => {
    const { anna } = await twoCustomers(context.database);
    const good = {
      reference: 'G1',
      amount: '10,00',
      details: subfields(`Faktura ${anna.invoices[0]!.number}`),
    };
    const broken = pkoStatement({
      lines: [good, { reference: 'B1', amount: '1O,00', details: subfields('x') }],
    });
    await expect(run(context.database, broken)).rejects.toMatchObject({
      line: 8,
      reason: expect.stringMatching(/not a statement line/) as unknown,
    });
    const euro = pkoStatement({ currency: 'EUR', lines: [good] });
    await expect(run(context.database, euro)).rejects.toMatchObject({
      line: 6,
      reason: 'currency EUR is not supported: only PLN can be imported',
    });
    const repeated = pkoStatement({ lines: [good, { ...good, amount: '11,00' }] });
    await expect(run(context.database, repeated)).rejects.toBeInstanceOf(StatementFormatError);
    expect(await count(context.database, 'bank_statement_imports')).toBe(0);
    expect(await count(context.database, 'payments')).toBe(0);
  });

  it('imports the mBank samples: unknown payers wait for staff, and the interim report (MT942) repeats nothing', async () => {
    const sample = (name: string) =>
      readFileSync(new URL(`../../../../shared/reference/mt940/${name}`, import.meta.url), 'utf8');
    const statement = await run(context.database, sample('mbank-mt940.sta'), 'mbank-mt940.sta');
    expect(statement.unmatched.map((item) => item.reference)).toEqual([
      'MB170119012058',
      'MB170119012085',
      'MB170119012121',
    ]);
    const interim = await run(context.database, sample('mbank-mt942.sta'), 'mbank-mt942.sta');
    expect(interim.skipped.map((item) => item.reason)).toEqual(['duplicate', 'duplicate', 'duplicate']);
    expect(await count(context.database, 'bank_statement_items')).toBe(3);
    expect(describeImport(statement).at(-1)).toBe(
      `import ${statement.importId} (mt940): matched 0 (0,00 zł), unmatched 3 (0,03 zł), skipped 0`,
    );
  });

  it('runs as `cli import-statement FILE`, printing matched, unmatched and skipped, and the line of a bad file', async () => {
    const { jan } = await twoCustomers(context.database);
    const csv = [
      'id_transakcji;data_ksiegowania;kwota;waluta;rachunek_wirtualny;rachunek_nadawcy;nadawca;tytul',
      `C1;2026-11-20;${amount(jan.invoices[0]!.gross_grosze)};PLN;${customerAccountNumber(BANK_ACCOUNT_PREFIX, jan.customerNumber)};;Jan;Woda`,
      'C2;2026-11-20;3,00;PLN;;;Ktoś;Bez tytułu',
      'C3;2026-11-20;-2,00;PLN;;;Bank;Opłata',
    ].join('\n');
    const folder = await import('node:fs/promises').then((fs) => fs.mkdtemp('/tmp/ibok-statement-'));
    const { writeFileSync } = await import('node:fs');
    writeFileSync(`${folder}/wyciag.csv`, csv);
    writeFileSync(`${folder}/zly.csv`, csv.replace('3,00', '3,0,0'));
    const printed: string[] = [];
    const cliContext = {
      config: testConfig(),
      database: () => Promise.resolve(context.database),
      print: (line: string) => printed.push(line),
    };
    expect(await importStatementCommand.run([`${folder}/wyciag.csv`], cliContext)).toBe(0);
    expect(
      printed
        .filter((line) => /^(matched|unmatched|skipped) /.test(line))
        .map((line) => line.split(/\s+/)[0]),
    ).toEqual(['matched', 'unmatched', 'skipped']);
    expect(printed.at(-1)).toMatch(/matched 1 .*unmatched 1 \(3,00 zł\), skipped 1$/);
    printed.length = 0;
    expect(await importStatementCommand.run([`${folder}/zly.csv`], cliContext)).toBe(1);
    expect(printed).toEqual([
      `${folder}/zly.csv: line 3: kwota "3,0,0" is not an amount like 123,45`,
      'nothing was imported from this file',
    ]);
    printed.length = 0;
    expect(await importStatementCommand.run([`${folder}/wyciag.csv`], cliContext)).toBe(0);
    expect(printed[0]).toMatch(/imported before/);
  });
});
