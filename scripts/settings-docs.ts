/**
 * `npm run docs:settings`: rewrites the settings tables of README.md and docs/operations.md
 * from libs/settings/settings-table.ts, and names the files it changed.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SETTINGS_DOCS, withSettingsTables, type SettingsDoc } from '../libs/settings/index.js';
import { packageRoot } from '../libs/stack/index.js';

for (const file of Object.keys(SETTINGS_DOCS) as SettingsDoc[]) {
  const path = join(packageRoot(), file);
  const text = readFileSync(path, 'utf8');
  const generated = withSettingsTables(file, text);
  if (generated !== text) {
    writeFileSync(path, generated);
    process.stdout.write(`${file}: settings tables rewritten\n`);
  }
}
