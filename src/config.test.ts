import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

const base = { DATA_DIR: mkdtempSync(path.join(tmpdir(), 'ibok-config-')) };

describe('configuration', () => {
  it('uses the embedded database and port 3000 by default', () => {
    const config = loadConfig({ ...base });
    expect(config.port).toBe(3000);
    expect(config.database.kind).toBe('pglite');
    expect(config.demo).toBe(true);
    expect(config.publicUrl).toBe('http://localhost:3000');
  });

  it('names the variable and the reason for a wrong value', () => {
    expect(() => loadConfig({ ...base, PORT: 'abc' })).toThrow(ConfigError);
    expect(() => loadConfig({ ...base, PORT: 'abc' })).toThrow(
      /^Invalid configuration: PORT .*\(got "abc"\)$/,
    );
    expect(() => loadConfig({ ...base, DATABASE_URL: 'mysql://x' })).toThrow(
      /DATABASE_URL must be a postgres/,
    );
    expect(() => loadConfig({ ...base, SELLER_NIP: '12' })).toThrow(/SELLER_NIP must be 10 digits/);
  });

  it('requires a session secret in production and refuses the demo there', () => {
    expect(() => loadConfig({ ...base, NODE_ENV: 'production' })).toThrow(/SESSION_SECRET is required/);
    const secret = 'x'.repeat(40);
    expect(() =>
      loadConfig({ ...base, NODE_ENV: 'production', SESSION_SECRET: secret, DEMO: 'true' }),
    ).toThrow(/DEMO=true is refused/);
    expect(loadConfig({ ...base, NODE_ENV: 'production', SESSION_SECRET: secret }).demo).toBe(false);
  });

  it('generates a session secret once and keeps it in the data folder', () => {
    const directory = mkdtempSync(path.join(tmpdir(), 'ibok-secret-'));
    const first = loadConfig({ DATA_DIR: directory }).sessionSecret;
    const second = loadConfig({ DATA_DIR: directory }).sessionSecret;
    expect(first).toHaveLength(43);
    expect(second).toBe(first);
    expect(readFileSync(path.join(directory, 'session-secret'), 'utf8')).toBe(first);
  });

  it('uses PostgreSQL when DATABASE_URL is set, without demo data unless asked', () => {
    const config = loadConfig({ ...base, DATABASE_URL: 'postgres://u@h/db' });
    expect(config.database).toEqual({ kind: 'postgres', url: 'postgres://u@h/db', poolSize: 10 });
    expect(config.demo).toBe(false);
  });
});
