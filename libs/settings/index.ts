export { ALL_SETTINGS, OTHER_VARIABLES, SETTINGS, settingsOf } from './settings-table.js';
export type { Setting } from './setting.js';
export { parseSetting, readSettings } from './read-setting.js';
export type { Env, SettingsReader } from './read-setting.js';
export { environmentProblems } from './check-environment.js';
export type { EnvironmentProblem } from './check-environment.js';
export { SETTINGS_DOCS, SETTINGS_DOCS_COMMAND, withSettingsTables } from './settings-docs.js';
export type { SettingsDoc } from './settings-docs.js';
