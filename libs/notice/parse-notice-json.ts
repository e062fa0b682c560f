import protobuf from 'protobufjs';
import { AccordError } from '../errors/index.js';
import { parseRfc3339, reflectionRoot, v1, type CaseNotice } from '../proto/index.js';

/**
 * The proto3 JSON mapping (https://protobuf.dev/programming-guides/json/), strictly:
 * unknown fields, wrong types and unknown enum names are refused with the path of the
 * offending field, where protobufjs's own fromObject would quietly coerce or drop them.
 */
const caseNoticeType = reflectionRoot.lookupType('accord.v1.CaseNotice');
const MAX_DEPTH = 32;

type Plain = Record<string, unknown>;

function schemaError(path: string, what: string): AccordError {
  return new AccordError('E_SCHEMA', `${path || 'notice'}: ${what}`, { path });
}

function isPlainObject(value: unknown): value is Plain {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function snakeCase(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

const INT_RANGES: Record<string, [number, number]> = {
  int32: [-0x8000_0000, 0x7fff_ffff],
  sint32: [-0x8000_0000, 0x7fff_ffff],
  sfixed32: [-0x8000_0000, 0x7fff_ffff],
  uint32: [0, 0xffff_ffff],
  fixed32: [0, 0xffff_ffff],
  int64: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
  sint64: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
  sfixed64: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
  uint64: [0, Number.MAX_SAFE_INTEGER],
  fixed64: [0, Number.MAX_SAFE_INTEGER],
};

function convertScalar(field: protobuf.Field, value: unknown, path: string): unknown {
  const type = field.type;
  if (type === 'string') {
    if (typeof value !== 'string') throw schemaError(path, 'expected a string');
    return value;
  }
  if (type === 'bool') {
    if (typeof value !== 'boolean') throw schemaError(path, 'expected true or false');
    return value;
  }
  if (type === 'double' || type === 'float') {
    const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
    if (typeof n !== 'number' || !Number.isFinite(n)) throw schemaError(path, 'expected a finite number');
    return n;
  }
  const range = INT_RANGES[type];
  if (range) {
    const n = typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value;
    if (typeof n !== 'number' || !Number.isInteger(n)) throw schemaError(path, 'expected an integer');
    if (n < range[0] || n > range[1]) throw schemaError(path, `integer out of range for ${type}`);
    return n;
  }
  if (type === 'bytes') {
    if (typeof value !== 'string' || !/^[A-Za-z0-9+/_-]*={0,2}$/.test(value)) throw schemaError(path, 'expected base64 bytes');
    return Buffer.from(value.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  }
  throw schemaError(path, `unsupported field type ${type}`);
}

function convertEnum(enumType: protobuf.Enum, value: unknown, path: string): number {
  if (typeof value === 'string') {
    const n = enumType.values[value];
    if (n === undefined) {
      throw schemaError(path, `"${value}" is not one of ${Object.keys(enumType.values).join(', ')}`);
    }
    return n;
  }
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  throw schemaError(path, `expected one of ${Object.keys(enumType.values).join(', ')}`);
}

function convertSingle(field: protobuf.Field, value: unknown, path: string, depth: number): unknown {
  const resolved = field.resolvedType;
  if (resolved instanceof protobuf.Enum) return convertEnum(resolved, value, path);
  if (resolved instanceof protobuf.Type) {
    if (resolved.fullName === '.google.protobuf.Timestamp') {
      if (typeof value !== 'string') throw schemaError(path, 'expected an RFC 3339 date-time string');
      return parseRfc3339(value, path);
    }
    return convertMessage(resolved, value, path, depth + 1);
  }
  return convertScalar(field, value, path);
}

function convertMessage(type: protobuf.Type, json: unknown, path: string, depth: number): Plain {
  if (depth > MAX_DEPTH) throw schemaError(path, 'nested too deeply');
  if (!isPlainObject(json)) throw schemaError(path, 'expected a JSON object');
  const out: Plain = {};
  const seen = new Set<string>();
  for (const [key, value] of Object.entries(json)) {
    const field = type.fields[key] ?? type.fieldsArray.find((f) => snakeCase(f.name) === key);
    const fieldPath = path ? `${path}.${key}` : key;
    if (!field) throw schemaError(fieldPath, `unknown field (${type.name} has ${type.fieldsArray.map((f) => f.name).join(', ')})`);
    if (seen.has(field.name)) throw schemaError(fieldPath, `field given twice (as ${field.name} and ${snakeCase(field.name)})`);
    seen.add(field.name);
    if (value === null) continue;
    field.resolve();
    if (field.repeated) {
      if (!Array.isArray(value)) throw schemaError(fieldPath, 'expected a JSON array');
      out[field.name] = value.map((item, i) => {
        if (item === null) throw schemaError(`${fieldPath}[${i}]`, 'null is not allowed in a list');
        return convertSingle(field, item, `${fieldPath}[${i}]`, depth);
      });
    } else {
      out[field.name] = convertSingle(field, value, fieldPath, depth);
    }
  }
  return out;
}

/** Parses notice JSON text (the input of `accord publish`) into a CaseNotice; throws E_SCHEMA. */
export function parseNoticeJson(text: string): CaseNotice {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new AccordError('E_SCHEMA', `notice: not valid JSON (${(error as Error).message})`, { cause: error });
  }
  return noticeFromJsonObject(json);
}

export function noticeFromJsonObject(json: unknown): CaseNotice {
  return v1.CaseNotice.create(convertMessage(caseNoticeType, json, '', 0));
}
