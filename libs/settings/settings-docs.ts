import { SERVICES } from '../bus/index.js';
import { AccordError } from '../errors/index.js';
import { isRequired } from './read-setting.js';
import type { Setting } from './setting.js';
import { ALL_SETTINGS, OTHER_VARIABLES } from './settings-table.js';

const code = (text: string | number): string => `\`${text}\``;

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]): string => `| ${cells.map((c) => c.replace(/\|/g, '\\|')).join(' | ')} |`;
  return [line(header), `|${header.map(() => '---').join('|')}|`, ...rows.map(line)].join('\n');
}

function defaultOf(setting: Setting): string {
  if (setting.kind === 'url' || setting.kind === 'path') return isRequired(setting) ? '(required)' : 'none';
  return code(setting.default);
}

function validValues(setting: Setting): string {
  switch (setting.kind) {
    case 'integer': {
      const range = setting.max === undefined ? `${setting.min} or more` : `${setting.min} to ${setting.max}`;
      return setting.zero ? `${range} (0: ${setting.zero})` : range;
    }
    case 'url': {
      const one = `a ${setting.schemes.map((s) => code(`${s}://`)).join(' or ')} URL`;
      return `${one}${setting.list ? ', or several separated by commas' : ''}${setting.example ? `: ${code(setting.example)}` : ''}`;
    }
    case 'host':
      return `an address to listen on (${['127.0.0.1', '0.0.0.0', '::'].map(code).join(', ')}) or a host name: letters, digits, ${['.', ':', '-'].map(code).join(', ')}`;
    case 'one-of':
      return setting.values.map(code).join(', ');
    case 'path':
      return `path of ${setting.file}`;
  }
}

const servicesOf = (setting: Setting, all: string): string =>
  setting.services.length === SERVICES.length ? all : setting.services.join(', ');

/** README.md: what each variable is for, in a line. */
function readmeSettings(): string {
  return table(
    ['variable', 'service', 'default', 'meaning'],
    ALL_SETTINGS.map((s) => [code(s.name), servicesOf(s, 'all'), defaultOf(s), s.meaning]),
  );
}

/** docs/operations.md: also the valid values and the operators' advice. */
function operationsSettings(): string {
  return table(
    ['variable', 'read by', 'default', 'valid values', 'meaning'],
    ALL_SETTINGS.map((s) => [
      code(s.name),
      servicesOf(s, SERVICES.join(', ')),
      defaultOf(s),
      validValues(s),
      s.detail ? `${s.meaning}; ${s.detail}` : s.meaning,
    ]),
  );
}

function otherVariables(): string {
  return table(
    ['variable', 'read by', 'meaning'],
    OTHER_VARIABLES.map((v) => [code(v.name), v.readBy, v.meaning]),
  );
}

/** The generated regions of each document, by region name. */
export const SETTINGS_DOCS = {
  'README.md': { settings: readmeSettings, 'other-variables': otherVariables },
  'docs/operations.md': { settings: operationsSettings, 'other-variables': otherVariables },
} as const;

export type SettingsDoc = keyof typeof SETTINGS_DOCS;

export const SETTINGS_DOCS_COMMAND = 'npm run docs:settings';

/**
 * `text` (the document `file`) with each of its regions, between
 * `<!-- REGION:begin … -->` and `<!-- REGION:end -->`, rendered afresh from the table.
 */
export function withSettingsTables(file: SettingsDoc, text: string): string {
  let result = text;
  for (const [region, render] of Object.entries(SETTINGS_DOCS[file])) {
    const marked = new RegExp(`<!-- ${region}:begin[^>]*-->[\\s\\S]*?<!-- ${region}:end -->`);
    if (!marked.test(result)) throw new AccordError('E_STATE', `${file} has no <!-- ${region}:begin --> … <!-- ${region}:end --> region`);
    const begin = `<!-- ${region}:begin: generated from libs/settings/settings-table.ts by \`${SETTINGS_DOCS_COMMAND}\` -->`;
    result = result.replace(marked, () => `${begin}\n\n${render()}\n\n<!-- ${region}:end -->`);
  }
  return result;
}
