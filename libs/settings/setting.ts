import type { ServiceName } from '../bus/index.js';

/** What every setting says about itself, for the readers, the docs and the deployment checks. */
interface SettingBase {
  /** The environment variable: part of the contract with operators, never renamed. */
  name: `ACCORD_${string}`;
  /** The services whose configuration reader reads it; no other may. */
  services: readonly ServiceName[];
  /** One line, in README.md and docs/operations.md. */
  meaning: string;
  /** Operators' advice, in docs/operations.md only. */
  detail?: string;
  /** Holds a secret itself (a password): deployment files take it from a secret store, never as a literal. */
  secret?: true;
}

/** Plain digits within [min, max]; a bound left out is 0 or more, up to Number.MAX_SAFE_INTEGER. */
export interface IntegerSetting extends SettingBase {
  kind: 'integer';
  default: number;
  min: number;
  max?: number;
  /** What 0 means, where it is allowed and means more than zero. */
  zero?: string;
}

/** Required: a URL of one of the schemes, or with `list` several separated by commas. */
export interface UrlSetting extends SettingBase {
  kind: 'url';
  schemes: readonly string[];
  list?: true;
  /** A value of the right form, for the docs. */
  example?: string;
}

/** An address to listen on. */
export interface HostSetting extends SettingBase {
  kind: 'host';
  default: string;
}

export interface OneOfSetting extends SettingBase {
  kind: 'one-of';
  values: readonly string[];
  default: string;
}

/** The path of a file the service reads at start-up; required unless `optional`. */
export interface PathSetting extends SettingBase {
  kind: 'path';
  /** What the file holds, as "the path of …" completes it. */
  file: string;
  optional?: true;
}

export type Setting = IntegerSetting | UrlSetting | HostSetting | OneOfSetting | PathSetting;

/** What reading a setting gives: the type each kind parses to, undefined only for an optional path left unset. */
export type SettingValue<S extends Setting> = S extends IntegerSetting
  ? number
  : S extends OneOfSetting
    ? S['values'][number]
    : S extends { kind: 'path'; optional: true }
      ? string | undefined
      : string;

/** A variable that is not a setting: read outside the configuration readers, never checked by them. */
export interface OtherVariable {
  name: string;
  readBy: string;
  meaning: string;
}
