import type { Config } from '../config.ts';
import type { Database } from '../db/database.ts';

export interface CommandContext {
  config: Config;
  /** Opens the configured database on first use and, unless told otherwise, migrates it. */
  database(options?: { migrate: boolean }): Promise<Database>;
  /** Lines for the operator; commands print results, never secrets. */
  print(line: string): void;
}

export interface Command {
  name: string;
  summary: string;
  /** Usage line shown by `help`, e.g. "seed [--customers N] [--years Y] [--random-seed S]". */
  usage: string;
  /** Returns the process exit code. Wrong arguments throw UsageError with a clear message. */
  run(argv: string[], context: CommandContext): Promise<number>;
}

export class UsageError extends Error {}
