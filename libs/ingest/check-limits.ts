import type { ReasonCode } from '../errors/index.js';
import { textFields } from '../notice/index.js';
import type { CaseNoticeProps } from '../proto/index.js';
import type { IngestLimits } from './ingest-limits.js';

export interface LimitBreach {
  code: ReasonCode;
  path: string;
  message: string;
}

function tooMany(path: string, count: number, max: number): LimitBreach {
  return { code: 'E_LIMIT_EXCEEDED', path, message: `${path} has ${count} entries; at most ${max} are accepted` };
}

function tooLong(path: string, length: number, max: number): LimitBreach {
  return { code: 'E_LIMIT_EXCEEDED', path, message: `${path} is ${length} characters long; at most ${max} are accepted` };
}

/** The first count or length limit the notice breaks, if any (E_LIMIT_EXCEEDED). */
export function checkLimits(n: CaseNoticeProps, limits: IngestLimits): LimitBreach | undefined {
  const counts: [string, number, number][] = [
    ['persons', (n.persons ?? []).length, limits.maxPersons],
    ['conveyances', (n.conveyances ?? []).length, limits.maxConveyances],
    ['financial', (n.financial ?? []).length, limits.maxFinancial],
    ['locations', (n.locations ?? []).length, limits.maxLocations],
    ['addressees', (n.addressees ?? []).length, limits.maxAddressees],
    ['caveats', (n.caveats ?? []).length, limits.maxCaveats],
    ['handling', (n.handling ?? []).length, limits.maxHandling],
    ['relations', (n.relations ?? []).length, limits.maxRelations],
    ...(n.persons ?? []).map((p, i): [string, number, number] => [
      `persons[${i}].documents`,
      (p.documents ?? []).length,
      limits.maxDocumentsPerPerson,
    ]),
  ];
  for (const [path, count, max] of counts) if (count > max) return tooMany(path, count, max);
  const summary = n.summary ?? '';
  if (summary.length > limits.maxSummaryLength) return tooLong('summary', summary.length, limits.maxSummaryLength);
  for (const [path, value] of textFields(n))
    if (value.length > limits.maxFieldLength) return tooLong(path, value.length, limits.maxFieldLength);
  return undefined;
}
