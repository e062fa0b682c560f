import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { SERVICES, type ServiceName } from '../../libs/bus/index.js';
import { ALL_SETTINGS, OTHER_VARIABLES, parseSetting, settingsOf, type Env, type Setting } from '../../libs/settings/index.js';
import { readAuditConfig } from '../../services/audit/audit-config.js';
import { readIngestConfig } from '../../services/ingest/ingest-config.js';
import { readRedactionConfig } from '../../services/redaction/redaction-config.js';
import { readRoutingConfig } from '../../services/routing/routing-config.js';
import { readBusSecret } from '../../services/shared/common-config.js';
import { readStatisticsConfig } from '../../services/statistics/statistics-config.js';

const dir = mkdtempSync(join(tmpdir(), 'accord-settings-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A value the reader accepts for a required setting: a URL of its first scheme, or a file of 32 bytes. */
function validValue(setting: Setting): string | undefined {
  if (setting.kind === 'url') return `${setting.schemes[0]}://127.0.0.1:1`;
  if (setting.kind !== 'path') return undefined;
  const file = join(dir, setting.name);
  writeFileSync(file, Buffer.alloc(32, 1));
  return file;
}

/** Everything a service's main.ts reads from the environment, through the same functions. */
const READERS: Record<ServiceName, (env: Env) => Promise<unknown>> = {
  ingest: async (env) => [readIngestConfig(env), await readBusSecret('ingest', env)],
  routing: async (env) => readRoutingConfig(env),
  redaction: async (env) => [readRedactionConfig(env), await readBusSecret('redaction', env)],
  audit: async (env) => readAuditConfig(env),
  statistics: async (env) => readStatisticsConfig(env),
};

describe('the settings table', () => {
  test('every setting has its own ACCORD_ name, apart from the variables that are not settings', () => {
    const names = ALL_SETTINGS.map((s) => s.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names.filter((n) => !/^ACCORD_[A-Z0-9_]+$/.test(n))).toEqual([]);
    expect(OTHER_VARIABLES.filter((v) => names.includes(v.name as Setting['name']))).toEqual([]);
  });

  test("every default is a value the setting's own reader accepts", () => {
    const refused = ALL_SETTINGS.flatMap((s) => {
      if (s.kind === 'url' || s.kind === 'path') return [];
      try {
        return parseSetting(s, String(s.default)) === s.default ? [] : [s.name];
      } catch {
        return [s.name];
      }
    });
    expect(refused).toEqual([]);
  });

  test.each(SERVICES)('%s reads exactly the settings the table gives it', async (service) => {
    const read = new Set<string>();
    const values: Env = Object.fromEntries(settingsOf(service).map((s) => [s.name, validValue(s)]));
    const env = new Proxy(values, {
      get(target, name) {
        if (typeof name === 'string') read.add(name);
        return typeof name === 'string' ? target[name] : undefined;
      },
    });
    await READERS[service](env);
    expect([...read].filter((n) => n.startsWith('ACCORD_')).sort()).toEqual(
      settingsOf(service)
        .map((s) => s.name)
        .sort(),
    );
  });
});
