import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { SETTINGS, SETTINGS_DOCS, SETTINGS_DOCS_COMMAND, withSettingsTables, type SettingsDoc } from '../../libs/settings/index.js';
import { packageRoot } from '../../libs/stack/index.js';

const DOCS = Object.keys(SETTINGS_DOCS) as SettingsDoc[];
const read = (file: string): string => readFileSync(join(packageRoot(), file), 'utf8');

test.each(DOCS)('%s shows the settings tables as the settings table generates them', (file) => {
  const text = read(file);
  expect(withSettingsTables(file, text) === text, `${file}: the settings tables are stale; run \`${SETTINGS_DOCS_COMMAND}\``).toBe(true);
});

test('a stale row is rewritten from the table', () => {
  const text = withSettingsTables('docs/operations.md', read('docs/operations.md'));
  const row = `| \`${SETTINGS.maxAttempts.name}\` | ingest | \`${SETTINGS.maxAttempts.default}\` |`;
  expect(text).toContain(row);
  const stale = text.replace(row, `| \`${SETTINGS.maxAttempts.name}\` | ingest | \`7\` |`);
  expect(withSettingsTables('docs/operations.md', stale)).toBe(text);
});

test('a document that lost a region is refused, naming the file and the region', () => {
  const text = read('README.md').replace('<!-- other-variables:end -->', '');
  expect(() => withSettingsTables('README.md', text)).toThrow(/README\.md has no <!-- other-variables:begin -->/);
});
