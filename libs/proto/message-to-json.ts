import protobuf from 'protobufjs';
import { formatTimestamp } from './timestamps.js';
import { reflectionRoot } from './reflection.js';

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

function valueToJson(field: protobuf.Field, value: unknown): Json {
  const resolved = field.resolvedType;
  if (resolved instanceof protobuf.Enum) return resolved.valuesById[value as number] ?? (value as number);
  if (resolved instanceof protobuf.Type) {
    if (resolved.fullName === '.google.protobuf.Timestamp') return formatTimestamp(value as { seconds?: number; nanos?: number });
    return toJson(resolved, value as Record<string, unknown>);
  }
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  return value as Json;
}

function toJson(type: protobuf.Type, message: Record<string, unknown>): { [key: string]: Json } {
  const out: { [key: string]: Json } = {};
  for (const field of type.fieldsArray) {
    field.resolve();
    const value = message[field.name];
    if (value === undefined || value === null) continue;
    if (field.repeated) {
      const list = value as unknown[];
      if (list.length > 0) out[field.name] = list.map((v) => valueToJson(field, v));
      continue;
    }
    const isDefault = value === '' || value === 0 || value === false || (value instanceof Uint8Array && value.length === 0);
    // proto3 fields without presence are omitted at their default; `optional` ones are not.
    if (isDefault && !field.options?.proto3_optional) continue;
    out[field.name] = valueToJson(field, value);
  }
  return out;
}

/** The proto3 JSON form of a message (enum names, RFC 3339 times, defaults omitted). */
export function messageToJson(typeName: string, message: object): { [key: string]: Json } {
  return toJson(reflectionRoot.lookupType(typeName), message as Record<string, unknown>);
}
