// Billing benchmark: seeds N customers (one service point each) with Y years of readings into a fresh database,
// bills one period, and prints invoices per second and peak memory; then renders invoice PDFs and prints
// PDFs per second. Runs on PGlite and, when TEST_DATABASE_URL (or BENCH_DATABASE_URL) is set, on PostgreSQL.
//   npm run bench:billing -- [--customers 100000] [--years 3] [--pdfs 500] [--only pglite|postgres]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { openPglite, openPostgres, type Database } from '../src/db/database.ts';
import { migrate } from '../src/db/migrate.ts';
import { seedDemoData } from '../src/db/seed/seed.ts';
import { addDays, calendarDate, dateFromParts, endOfMonth } from '../src/domain/index.ts';
import { runBilling } from '../src/modules/billing/run.ts';
import { benchInvoicePdfs } from './support/pdf-throughput.ts';

const { values } = parseArgs({
  options: {
    customers: { type: 'string', default: '100000' },
    years: { type: 'string', default: '3' },
    pdfs: { type: 'string', default: '500' },
    only: { type: 'string' },
  },
});
const customers = Number(values.customers);
const years = Number(values.years);
const bankAccountPrefix = '10205011';
const today = calendarDate('2026-11-23');
// The last complete month before "today": every household (2-month cycle) and company (monthly) ends a cycle in it.
const period = '2026-10';

let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
sampler.unref();
const megabytes = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;

async function bench(label: string, database: Database): Promise<void> {
  peakRss = process.memoryUsage().rss;
  await migrate(database);
  let started = performance.now();
  const summary = await seedDemoData(database, { customers, years, randomSeed: 1, today, bankAccountPrefix });
  const seedSeconds = (performance.now() - started) / 1000;
  console.log(
    `[${label}] seed: ${summary.customers} customers, ${summary.servicePoints} service points, ${summary.readings} readings in ${seedSeconds.toFixed(1)} s, peak RSS ${megabytes(peakRss)}`,
  );

  peakRss = process.memoryUsage().rss;
  started = performance.now();
  const periodEnd = endOfMonth(dateFromParts(2026, 10, 1));
  const result = await runBilling(database, {
    period,
    today: addDays(periodEnd, 1),
    bankAccountPrefix,
    batchSize: 1000,
  });
  const billSeconds = (performance.now() - started) / 1000;
  console.log(
    `[${label}] billing ${period}: ${result.issued} invoices in ${billSeconds.toFixed(1)} s = ${Math.round(result.issued / billSeconds)} invoices/s` +
      `, ${result.skipped.length} not billed, peak RSS ${megabytes(peakRss)}`,
  );
  if (label === 'pglite' || values.only === 'postgres') {
    const rate = await benchInvoicePdfs(database, Number(values.pdfs));
    console.log(
      `[${label}] invoice PDFs: ${rate.count} in ${rate.seconds.toFixed(2)} s = ${Math.round(rate.count / rate.seconds)} PDFs/s on one core`,
    );
  }
}

if (values.only !== 'postgres') {
  const directory = mkdtempSync(path.join(tmpdir(), 'ibok-bench-'));
  const database = await openPglite(directory);
  try {
    await bench('pglite', database);
  } finally {
    await database.close();
    rmSync(directory, { recursive: true, force: true });
  }
}

const serverUrl = process.env['BENCH_DATABASE_URL'] ?? process.env['TEST_DATABASE_URL'];
if (values.only !== 'pglite' && serverUrl) {
  const name = `ibok_bench_${process.pid}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database = openPostgres(url.toString(), 10);
  try {
    await bench('postgres', database);
  } finally {
    await database.close();
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
} else if (values.only !== 'pglite') {
  console.log('[postgres] not run: set TEST_DATABASE_URL or BENCH_DATABASE_URL');
}
