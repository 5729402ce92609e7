import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { App } from '../../../app.ts';
import { importReadingsCommand } from '../../../cli/commands/import-readings.ts';
import type { CommandContext } from '../../../cli/command.ts';
import { calendarDate } from '../../../domain/index.ts';
import { buildTestApp, testConfig } from '../../../../tests/support/app.ts';
import { describeEachDatabase } from '../../../../tests/support/database.ts';
import { createCustomerLogin } from '../../../../tests/support/factories.ts';
import { runBilling } from '../../billing/run.ts';
import {
  auditOf,
  householdTariff,
  meteredCustomer,
  staffSession,
  type StaffSession,
} from '../test-fixtures.ts';

interface Report {
  batchId: number;
  alreadyImported: boolean;
  lines: number;
  accepted: number;
  pendingReview: number;
  rejected: number;
  rejections: { line: number; reason: string; detail: string }[];
}

describeEachDatabase('back office: readings', (context) => {
  let app: App;
  let operator: StaffSession;
  beforeEach(async () => {
    app = await buildTestApp(context.database, { now: () => new Date('2026-11-20T10:00:00Z') });
    operator = await staffSession(app, context.database.db, 'operator');
  });
  afterEach(async () => {
    await app.close();
  });

  const upload = (csv: string | Buffer, fileName = 'terminal.csv') =>
    app.inject({
      method: 'POST',
      url: `/api/v1/staff/reading-imports?fileName=${fileName}`,
      headers: { ...operator.headers, 'content-type': 'text/csv' },
      payload: csv,
    });
  const countOf = async (table: 'readings' | 'audit_log' | 'reading_import_batches') =>
    Number(
      (
        await context.database.db
          .selectFrom(table)
          .select((select) => select.fn.countAll<number>().as('count'))
          .executeTakeFirstOrThrow()
      ).count,
    );

  it('imports a CSV with two bad lines, reports exactly those, and changes nothing when the same file comes again', async () => {
    const { db } = context.database;
    const first = await meteredCustomer(db, { serialNumber: 'M-1', readings: [['2026-09-30', 100_000]] });
    const second = await meteredCustomer(db, { serialNumber: 'M-2', readings: [['2026-09-30', 50_000]] });
    const csv = Buffer.from(
      '\uFEFFmeter_serial;date;value_m3;source\r\n' +
        'M-1;2026-10-31;104,500;amr\r\n' +
        'm-2;31.10.2026;52.250;staff\r\n' +
        'M-1;2026-11-30;110,000;amr\r\n' +
        'UNKNOWN-9;2026-10-31;1,000;amr\r\n' +
        '\r\n',
      'utf8',
    );

    const response = await upload(csv);
    expect(response.statusCode, response.body).toBe(200);
    const report = response.json<Report>();
    expect(report).toMatchObject({
      alreadyImported: false,
      lines: 4,
      accepted: 2,
      pendingReview: 0,
      rejected: 2,
    });
    expect(report.rejections.map((rejection) => [rejection.line, rejection.reason])).toEqual([
      [4, 'future_date'],
      [5, 'unknown_meter'],
    ]);
    const imported = await db
      .selectFrom('readings')
      .select(['meter_id', 'read_on', 'value_litres', 'source', 'status', 'import_batch_id'])
      .where('import_batch_id', '=', report.batchId)
      .orderBy('meter_id')
      .execute();
    expect(imported).toEqual([
      {
        meter_id: first.meter.id,
        read_on: '2026-10-31',
        value_litres: 104_500,
        source: 'amr',
        status: 'accepted',
        import_batch_id: report.batchId,
      },
      {
        meter_id: second.meter.id,
        read_on: '2026-10-31',
        value_litres: 52_250,
        source: 'staff',
        status: 'accepted',
        import_batch_id: report.batchId,
      },
    ]);
    expect(
      (await auditOf(db, 'reading_import_batch', report.batchId)).map((entry) => [
        entry.action,
        entry.actor_id,
      ]),
    ).toEqual([['readings.imported', operator.id]]);

    const before = {
      readings: await countOf('readings'),
      audit: await countOf('audit_log'),
      batches: await countOf('reading_import_batches'),
    };
    const again = await upload(csv, 'terminal-copy.csv');
    expect(again.statusCode).toBe(200);
    expect(again.json<Report>()).toMatchObject({
      batchId: report.batchId,
      alreadyImported: true,
      accepted: 2,
      rejected: 2,
      rejections: report.rejections,
    });
    expect({
      readings: await countOf('readings'),
      audit: await countOf('audit_log'),
      batches: await countOf('reading_import_batches'),
    }).toEqual(before);

    const stored = await app.inject({
      url: `/api/v1/staff/reading-imports/${report.batchId}`,
      headers: operator.headers,
    });
    expect(stored.json<Report>().rejections.map((rejection) => rejection.line)).toEqual([4, 5]);
    const wrongHeader = await upload('serial,date,value\nM-1,2026-10-31,1\n', 'other.csv');
    expect(wrongHeader.statusCode).toBe(400);
    const notAFile = await app.inject({
      method: 'POST',
      url: '/api/v1/staff/reading-imports',
      headers: operator.headers,
      payload: { content: 'x' },
    });
    expect(notAFile.statusCode).toBe(400);
  });

  it('gives each rejected line its reason and holds implausible values for review (CLI import-readings)', async () => {
    const { db } = context.database;
    const point = await meteredCustomer(db, {
      serialNumber: 'K-1',
      readings: [
        ['2025-11-30', 10_000],
        ['2026-09-30', 100_000],
        ['2026-10-31', 104_500],
      ],
    });
    await meteredCustomer(db, { serialNumber: 'K-2', readings: [['2026-10-31', 5_000]] });
    const lines = [
      'meter_serial;date;value_m3;source',
      'K-1;2026-11-15;106,000;amr', // 2: accepted
      'K-1;2026-11-15;106,100;amr', // 3: duplicate of line 2
      'K-1;2026-10-31;104,600;amr', // 4: duplicate of a stored reading
      'K-1;2026-10-15;99,000;amr', // 5: below the reading of 2026-09-30
      'K-1;2026-10-15;105,000;amr', // 6: above the later reading of 2026-10-31
      'K-1;2025-06-01;1,000;amr', // 7: the meter was installed on 2026-01-01
      'K-1;2026-13-01;1;amr', // 8: no such date
      'K-1;2026-11-16;12,34567;amr', // 9: too many decimals
      'K-1;2026-11-16;107;robot', // 10: unknown source
      'K-1;2026-11-16;107', // 11: three fields
      'K-2;2026-11-19;95,000;staff', // 12: 4,7 m³ a day against 0,017 before: held for review
    ];
    const folder = mkdtempSync(path.join(tmpdir(), 'readings-'));
    const file = path.join(folder, 'odczyty.csv');
    writeFileSync(file, lines.join('\n'));
    const printed: string[] = [];
    const commandContext: CommandContext = {
      config: testConfig(),
      database: () => Promise.resolve(context.database),
      print: (line) => printed.push(line),
    };

    const code = await importReadingsCommand.run([file], commandContext);
    expect(code).toBe(3);
    expect(printed[0]).toMatch(/^import #\d+: 11 lines, 2 accepted \(1 held for review\), 9 rejected$/);
    expect(
      printed.slice(1).map((line) => /^ {2}line (\d+): ([a-z_]+):/.exec(line)?.slice(1).join(' ')),
    ).toEqual([
      '3 duplicate',
      '4 duplicate',
      '5 below_previous',
      '6 above_following',
      '7 meter_not_installed',
      '8 malformed_date',
      '9 malformed_value',
      '10 unknown_source',
      '11 malformed_line',
    ]);
    const held = await db
      .selectFrom('readings')
      .selectAll()
      .where('value_litres', '=', 95_000)
      .executeTakeFirstOrThrow();
    expect(held.status).toBe('pending');
    expect(held.status_reason).toMatch(/above_average_multiple/);
    const taken = await db
      .selectFrom('readings')
      .selectAll()
      .where('meter_id', '=', point.meter.id)
      .where('read_on', '=', '2026-11-15')
      .executeTakeFirstOrThrow();
    expect(taken).toMatchObject({ value_litres: 106_000, status: 'accepted', created_by_staff_id: null });

    printed.length = 0;
    expect(await importReadingsCommand.run([file], commandContext)).toBe(3);
    expect(printed[0]).toMatch(/was already imported .* nothing changed\.$/);
  });

  it('reviews self-readings (accept, reject with a reason) and corrects an invoiced reading with a correcting invoice', async () => {
    const { db } = context.database;
    await householdTariff(db);
    const point = await meteredCustomer(db, {
      serialNumber: 'R-1',
      readings: [
        ['2026-08-31', 95_500],
        ['2026-09-30', 100_000],
        ['2026-10-31', 104_500],
      ],
    });
    const billed = await runBilling(context.database, {
      period: '2026-10',
      today: calendarDate('2026-11-05'),
      bankAccountPrefix: '10205011',
    });
    expect(billed.issued).toBe(1);
    const invoice = await db
      .selectFrom('invoices')
      .selectAll()
      .where('billing_run_id', '=', billed.runId)
      .executeTakeFirstOrThrow();
    const login = await createCustomerLogin(db, { customerIds: [point.customer.id] });
    const [selfReading, secondSelfReading] = await db
      .insertInto('readings')
      .values([
        {
          meter_id: point.meter.id,
          read_on: '2026-11-15',
          value_litres: 106_800,
          source: 'customer',
          status: 'pending',
          created_by_login_id: login.id,
        },
        {
          meter_id: point.meter.id,
          read_on: '2026-11-18',
          value_litres: 190_000,
          source: 'customer',
          status: 'pending',
          status_reason: 'Do weryfikacji [above_daily_limit]',
          created_by_login_id: login.id,
        },
      ])
      .returning('id')
      .execute();

    const queue = await app.inject({
      url: '/api/v1/staff/readings/review?source=customer',
      headers: operator.headers,
    });
    expect(queue.statusCode, queue.body).toBe(200);
    expect(queue.json<{ items: unknown[]; total: number }>()).toMatchObject({
      total: 2,
      items: [
        {
          id: selfReading!.id,
          submittedBy: login.email,
          previous: { date: '2026-10-31', valueLitres: 104_500 },
          consumptionLitres: 2_300,
          days: 15,
          customer: { id: point.customer.id },
        },
        { id: secondSelfReading!.id },
      ],
    });

    const accepted = await app.inject({
      method: 'POST',
      url: `/api/v1/staff/readings/${selfReading!.id}/accept`,
      headers: operator.headers,
      payload: {},
    });
    expect(accepted.json()).toMatchObject({ status: 'accepted' });
    const rejected = await app.inject({
      method: 'POST',
      url: `/api/v1/staff/readings/${secondSelfReading!.id}/reject`,
      headers: operator.headers,
      payload: { reason: 'Stan niezgodny ze zdjęciem licznika' },
    });
    expect(rejected.json()).toMatchObject({
      status: 'rejected',
      statusReason: 'Stan niezgodny ze zdjęciem licznika',
    });
    const decidedAgain = await app.inject({
      method: 'POST',
      url: `/api/v1/staff/readings/${secondSelfReading!.id}/accept`,
      headers: operator.headers,
      payload: {},
    });
    expect(decidedAgain.statusCode).toBe(409);

    const used = await db
      .selectFrom('readings')
      .select('id')
      .where('meter_id', '=', point.meter.id)
      .where('read_on', '=', '2026-10-31')
      .executeTakeFirstOrThrow();
    const corrected = await app.inject({
      method: 'POST',
      url: `/api/v1/staff/readings/${used.id}/correct`,
      headers: operator.headers,
      payload: { valueM3: '103,500', reason: 'Błąd odczytu inkasenta' },
    });
    expect(corrected.statusCode, corrected.body).toBe(200);
    const answer = corrected.json<{
      reading: { id: number; valueLitres: number };
      supersededReadingId: number;
      corrections: { invoiceId: number; correctionNumber: string | null; error: string | null }[];
    }>();
    expect(answer.reading.valueLitres).toBe(103_500);
    expect(answer.corrections).toHaveLength(1);
    expect(answer.corrections[0]).toMatchObject({
      invoiceId: invoice.id,
      invoiceNumber: invoice.number,
      error: null,
    });
    expect(answer.corrections[0]!.correctionNumber).toMatch(/^KOR\//);
    const correction = await db
      .selectFrom('invoices')
      .selectAll()
      .where('corrects_invoice_id', '=', invoice.id)
      .executeTakeFirstOrThrow();
    expect(correction.correction_reason).toContain('Błąd odczytu inkasenta');
    // 1 m³ less water and sewage: 5,82 + 6,99 net, 8% VAT.
    expect(correction.net_grosze).toBe(-1281);
    const old = await db
      .selectFrom('readings')
      .selectAll()
      .where('id', '=', answer.supersededReadingId)
      .executeTakeFirstOrThrow();
    expect(old).toMatchObject({ status: 'superseded', superseded_by_id: answer.reading.id });
    expect((await auditOf(db, 'reading', used.id)).map((entry) => entry.action)).toEqual([
      'reading.corrected',
    ]);
    expect((await auditOf(db, 'invoice', invoice.id)).map((entry) => [entry.action, entry.actor_id])).toEqual(
      [['invoice.corrected', operator.id]],
    );
  });

  it('checks readings entered by hand like imported ones', async () => {
    const { db } = context.database;
    const point = await meteredCustomer(db, {
      readings: [
        ['2025-10-31', 10_000],
        ['2026-10-31', 100_000],
      ],
    });
    const enter = (payload: Record<string, unknown>) =>
      app.inject({
        method: 'POST',
        url: '/api/v1/staff/readings',
        headers: operator.headers,
        payload: { meterId: point.meter.id, ...payload },
      });

    expect((await enter({ date: '2026-10-31', valueM3: '100' })).statusCode).toBe(409);
    expect((await enter({ date: '2026-11-10', valueM3: '99,999' })).statusCode).toBe(400);
    expect((await enter({ date: '2026-11-21', valueM3: '101' })).statusCode).toBe(400);
    const implausible = await enter({ date: '2026-11-10', valueM3: '160' });
    expect(implausible.statusCode, implausible.body).toBe(201);
    expect(implausible.json()).toMatchObject({
      status: 'pending',
      valueLitres: 160_000,
      previous: { date: '2026-10-31', valueLitres: 100_000 },
    });
    const vouched = await enter({ date: '2026-11-12', valueM3: '170', acceptImplausible: true });
    expect(vouched.json()).toMatchObject({ status: 'accepted' });
    const list = await app.inject({
      url: `/api/v1/staff/readings?meterId=${point.meter.id}&status=pending`,
      headers: operator.headers,
    });
    expect(list.json<{ items: { valueLitres: number }[] }>().items.map((item) => item.valueLitres)).toEqual([
      160_000,
    ]);
  });
});
