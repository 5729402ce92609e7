import { isValidCalendarDate, type CalendarDate } from '../../domain/dates.ts';
import { formatNrb } from '../../domain/nrb.ts';
import {
  createDemoLogins,
  DEMO_CUSTOMER_EMAIL,
  DEMO_PASSWORD,
  DEMO_STAFF_EMAIL,
} from '../../db/seed/demo-logins.ts';
import { isDatabaseEmpty, seedDemoData, SeedError, type SeedSummary } from '../../db/seed/seed.ts';
import { UsageError, type Command, type CommandContext } from '../command.ts';

interface SeedArguments {
  customers: number;
  years: number;
  randomSeed: number;
  today: CalendarDate | undefined;
}

const DEFAULTS = { customers: 1000, years: 3, randomSeed: 1 } as const;

function wholeNumber(flag: string, text: string | undefined): number {
  if (text === undefined || !/^\d+$/.test(text))
    throw new UsageError(`${flag} needs a whole number, got "${text ?? ''}"`);
  return Number(text);
}

export function parseSeedArguments(argv: readonly string[]): SeedArguments {
  const parsed: SeedArguments = { ...DEFAULTS, today: undefined };
  for (let position = 0; position < argv.length; position += 2) {
    const flag = argv[position];
    const value = argv[position + 1];
    if (flag === '--customers') parsed.customers = wholeNumber(flag, value);
    else if (flag === '--years') parsed.years = wholeNumber(flag, value);
    else if (flag === '--random-seed') parsed.randomSeed = wholeNumber(flag, value);
    else if (flag === '--today') {
      if (!isValidCalendarDate(value))
        throw new UsageError(`--today needs a date YYYY-MM-DD, got "${value ?? ''}"`);
      parsed.today = value;
    } else throw new UsageError(`unknown option "${flag}"; usage: ${seedCommand.usage}`);
  }
  return parsed;
}

/** Samples the resident set size, so the operator sees the peak memory of the run and not just the end. */
function watchMemory(): { stop(): number } {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 100);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      return Math.max(peak, process.memoryUsage().rss);
    },
  };
}

function printSummary(print: CommandContext['print'], summary: SeedSummary): void {
  print(`history: ${summary.historyFrom} – ${summary.historyTo} (today ${summary.today})`);
  print(`customers: ${summary.customers} (${summary.persons} households, ${summary.companies} companies)`);
  print(`service points: ${summary.servicePoints}, contracts: ${summary.contracts}`);
  print(
    `meters: ${summary.mainMeters} main, ${summary.subMeters} garden sub-meters, ${summary.replacedMeters} replaced during the history`,
  );
  const { valid, expiring, expired } = summary.legalization;
  print(
    `legalization of meters in service: ${valid} valid, ${expiring} expiring within 90 days, ${expired} expired`,
  );
  print(`readings: ${summary.readings}`);
  print(`tariff versions: ${summary.tariffVersions}, terms versions: ${summary.termsVersions}`);
  print(
    `demo household: customer ${summary.demoCustomerNumber}, account ${formatNrb(summary.demoAccountNumber)}`,
  );
  if (summary.demoActivation) {
    print(
      `registration can be tried with customer ${summary.demoActivation.customerNumber} and activation code ${summary.demoActivation.code}`,
    );
  }
}

export const seedCommand: Command = {
  name: 'seed',
  summary: 'Fill an empty database with deterministic demo data (customers, meters, readings, tariffs).',
  usage: 'seed [--customers N] [--years Y] [--random-seed S] [--today YYYY-MM-DD]',
  async run(argv, context) {
    const options = parseSeedArguments(argv);
    const started = performance.now();
    const memory = watchMemory();
    if (context.config.environment === 'production') {
      context.print('refused: demo data is never seeded with NODE_ENV=production');
      return 1;
    }
    const database = await context.database();
    if (!(await isDatabaseEmpty(database))) {
      context.print('refused: the database already has customers; seed only into an empty database');
      return 1;
    }
    let reportedTenth = 0;
    let summary: SeedSummary;
    try {
      summary = await seedDemoData(
        database,
        { ...options, today: options.today, bankAccountPrefix: context.config.bankAccountPrefix },
        (state) => {
          const tenth = Math.floor((state.customersDone * 10) / state.customersTotal);
          if (tenth > reportedTenth || state.customersDone === state.customersTotal) {
            reportedTenth = tenth;
            const seconds = ((performance.now() - started) / 1000).toFixed(1);
            context.print(
              `${state.customersDone}/${state.customersTotal} customers, ${state.readings} readings (${seconds} s)`,
            );
          }
        },
      );
    } catch (error) {
      if (!(error instanceof SeedError)) throw error;
      context.print(`cannot seed: ${error.message}`);
      return 1;
    }
    const logins = await createDemoLogins(database, context.config, {
      customerNumber: summary.demoCustomerNumber,
      today: summary.today,
    });
    const peakRss = memory.stop();
    printSummary((line) => context.print(line), summary);
    context.print(
      `demo logins (password ${DEMO_PASSWORD}): ${DEMO_CUSTOMER_EMAIL} (customer ${logins.customerNumber}), staff ${DEMO_STAFF_EMAIL}`,
    );
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    context.print(`done in ${seconds} s, peak RSS ${Math.round(peakRss / 1024 / 1024)} MiB`);
    return 0;
  },
};
