import type { ServiceName } from '../bus/index.js';
import { errorMessage } from '../errors/index.js';
import { isRequired, parseSetting } from './read-setting.js';
import { settingsOf } from './settings-table.js';

export interface EnvironmentProblem {
  name: string;
  kind: 'unknown' | 'invalid' | 'missing';
  message: string;
}

/**
 * What is wrong with the variables a deployment gives a service, by the table: an ACCORD_
 * variable that is not one of its settings, a value its reader would refuse, a required
 * setting left out. A value given as undefined is set but not known here (from a secret
 * store, or computed when the service starts): only its name is checked.
 */
export function environmentProblems(service: ServiceName, env: ReadonlyMap<string, string | undefined>): EnvironmentProblem[] {
  const own = settingsOf(service);
  const problems: EnvironmentProblem[] = [];
  for (const [name, value] of env) {
    const setting = own.find((s) => s.name === name);
    if (!setting) {
      if (name.startsWith('ACCORD_')) problems.push({ name, kind: 'unknown', message: `${name} is not a setting of ${service}` });
      continue;
    }
    if (value === undefined) continue;
    try {
      parseSetting(setting, value);
    } catch (error) {
      problems.push({ name, kind: 'invalid', message: errorMessage(error) });
    }
  }
  for (const setting of own.filter((s) => isRequired(s) && !env.has(s.name))) {
    problems.push({ name: setting.name, kind: 'missing', message: `${setting.name} is required by ${service} and not set` });
  }
  return problems;
}
