import type { ServiceName } from '../bus/index.js';
import { AccordError } from '../errors/index.js';
import type { Setting, SettingValue } from './setting.js';

export type Env = Readonly<Record<string, string | undefined>>;

/** Reads the settings of one service; see readSettings. */
export type SettingsReader = <S extends Setting>(setting: S) => SettingValue<S>;

/** A setting with no default: the service stops without it. */
export function isRequired(setting: Setting): boolean {
  return setting.kind === 'url' || (setting.kind === 'path' && setting.optional !== true);
}

/** What a value must be, as the one-line start-up error says it. */
function expectedOf(setting: Setting): string {
  switch (setting.kind) {
    case 'integer':
      return `an integer from ${setting.min} to ${setting.max ?? Number.MAX_SAFE_INTEGER}`;
    case 'url':
      return `a URL (${setting.schemes.join(' or ')})${setting.list ? ', or several separated by commas' : ''}`;
    case 'host':
      return 'an address to listen on (127.0.0.1, 0.0.0.0, ::)';
    case 'one-of':
      return `one of ${setting.values.join(', ')}`;
    case 'path':
      return `the path of ${setting.file}`;
  }
}

/**
 * A setting's value from its text (undefined: unset; an empty text counts as unset),
 * its default when unset, or E_CONFIG naming the variable and what it expects.
 */
export function parseSetting<S extends Setting>(setting: S, text: string | undefined): SettingValue<S> {
  return parse(setting, text === '' ? undefined : text) as SettingValue<S>;
}

function parse(setting: Setting, text: string | undefined): number | string | undefined {
  const refuse = (): AccordError =>
    new AccordError('E_CONFIG', `${setting.name} ${text === undefined ? 'is not set' : `is "${text}"`}; expected ${expectedOf(setting)}`);
  if (text === undefined) {
    if (setting.kind === 'url' || setting.kind === 'path') {
      if (isRequired(setting)) throw refuse();
      return undefined;
    }
    return setting.default;
  }
  switch (setting.kind) {
    case 'integer': {
      const n = Number(text);
      if (!/^\d+$/.test(text) || n < setting.min || n > (setting.max ?? Number.MAX_SAFE_INTEGER)) throw refuse();
      return n;
    }
    case 'url': {
      const urls = setting.list ? text.split(',').map((u) => u.trim()) : [text];
      if (!urls.every((u) => isUrlOf(u, setting.schemes))) throw refuse();
      return text;
    }
    case 'host':
      if (!/^[A-Za-z0-9.:-]{1,253}$/.test(text)) throw refuse();
      return text;
    case 'one-of':
      if (!setting.values.includes(text)) throw refuse();
      return text;
    case 'path':
      return text;
  }
}

function isUrlOf(value: string, schemes: readonly string[]): boolean {
  try {
    return schemes.includes(new URL(value).protocol.replace(/:$/, ''));
  } catch {
    return false;
  }
}

/**
 * The settings of `service` from the environment, each checked as it is read. Reading one
 * the table does not give the service is refused, so the table's services column stays
 * what the readers do.
 */
export function readSettings(service: ServiceName, env: Env): SettingsReader {
  return (setting) => {
    if (!setting.services.includes(service)) {
      throw new AccordError('E_CONFIG', `${setting.name} is not a setting of ${service} in libs/settings/settings-table.ts`);
    }
    return parseSetting(setting, env[setting.name]);
  };
}
