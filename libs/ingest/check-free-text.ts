import { witnessMentions, type DisclosedNotice, type OpenedSubmission } from '../disclosure/index.js';
import { AccordError } from '../errors/index.js';
import { parseTemplate } from '../free-text/index.js';
import { isCategory } from '../notice/index.js';
import { v1, type CaseNoticeProps } from '../proto/index.js';

function schema(path: string, what: string): AccordError {
  return new AccordError('E_SCHEMA', `${path}: ${what}`, { path });
}

const PERSON_FIELDS = /^(?:fullName|dateOfBirth|phone|documents\.\d{1,3}\.number)$/;
const FIELDS: Record<string, RegExp> = {
  conveyances: /^identifier$/,
  financial: /^(?:account|institution|amount|counterparty)$/,
  locations: /^(?:label|position)$/,
};

/** Every placeholder of a layer's template names an element of that layer, and a field it has. */
function checkTemplate(layer: DisclosedNotice): void {
  if (!layer.summaryTemplate) return;
  if (!layer.summary) throw schema('summary', 'a summary template comes with the summary it renders');
  const pieces = parseTemplate(layer.summaryTemplate.value);
  if (!pieces) throw schema('summary', 'the summary template is not well formed (docs/wire-format.md)');
  const persons = new Set(layer.persons.map((p) => p.id));
  const paths = new Set([...layer.conveyances, ...layer.financial, ...layer.locations, ...layer.summarySpans].map((e) => e.path));
  for (const piece of pieces) {
    if (!('placeholder' in piece)) continue;
    const { path, field } = piece.placeholder;
    const person = /^persons\/([^/]+)(?:\/(identity|profile))?$/.exec(path);
    const ok = person
      ? persons.has(person[1] ?? '') &&
        (person[2] === undefined
          ? field === undefined
          : person[2] === 'profile'
            ? field === 'nationality'
            : field !== undefined && PERSON_FIELDS.test(field))
      : paths.has(path) && (field === undefined || (FIELDS[path.split('/')[0] ?? '']?.test(field) ?? false));
    if (!ok) throw schema('summary', `the template's {{${path}${field === undefined ? '' : `#${field}`}}} names no element of the notice`);
  }
  for (const s of layer.summarySpans) {
    if (!isCategory(s.value.category ?? '') || s.value.category === 'core')
      throw schema('summary', `the span ${s.path} is tagged "${s.value.category ?? ''}", not a field category`);
  }
}

/** The free-text fields of a layer, with their paths. */
function* texts(layer: DisclosedNotice): Generator<[string, string]> {
  if (layer.summary) yield ['summary', layer.summary.value];
  if (layer.summaryTemplate) yield ['summary', layer.summaryTemplate.value];
  for (const s of layer.summarySpans) yield ['summary', s.value.text ?? ''];
  for (const c of layer.conveyances) yield [`${c.path}.identifier`, c.value.identifier ?? ''];
  for (const f of layer.financial)
    for (const k of ['account', 'institution', 'counterparty'] as const) yield [`${f.path}.${k}`, f.value[k] ?? ''];
  for (const l of layer.locations) yield [`${l.path}.label`, l.value.label ?? ''];
  for (const p of layer.persons)
    for (const [i, d] of (p.identity?.value.documents ?? []).entries())
      yield [`${p.identity?.path ?? ''}.documents[${i}].kind`, d.kind ?? ''];
}

/**
 * What the signatures cannot say about free text and protected witnesses: templates name
 * only the notice's own elements; under WITNESS_PROTECTION the notice comes with a
 * protected manifest, its witnesses are in it alone, and nothing outside it mentions them
 * (so a recipient kept from them can tell nothing from its view). Throws E_SCHEMA.
 */
export function checkFreeText(opened: OpenedSubmission, notice: CaseNoticeProps, hasProtectedManifest: boolean): void {
  checkTemplate(opened.main);
  if (opened.full !== opened.main) checkTemplate(opened.full);
  const protectedWitnesses = (notice.caveats ?? []).includes(v1.Caveat.WITNESS_PROTECTION);
  if (!protectedWitnesses) {
    if (hasProtectedManifest) throw schema('caveats', 'a protected manifest is only for notices under WITNESS_PROTECTION');
    return;
  }
  if (!hasProtectedManifest)
    throw schema(
      'caveats',
      'under WITNESS_PROTECTION the witnesses travel under a protected manifest of their own (docs/wire-format.md); sign with the SDK of this version',
    );
  const inMain = opened.main.persons.find((p) => p.profile.value.role === v1.PersonRole.WITNESS);
  if (inMain) throw schema(inMain.profile.path, 'under WITNESS_PROTECTION a witness belongs in the protected manifest, not the main one');
  const witnesses = new Set((notice.persons ?? []).flatMap((p, i) => (p.role === v1.PersonRole.WITNESS ? [i] : [])));
  const mentions = witnessMentions(notice, witnesses);
  for (const [path, text] of texts(opened.main)) {
    if (mentions(text).length > 0)
      throw schema(
        path,
        'under WITNESS_PROTECTION it mentions a protected witness outside the protected manifest; reference the witness ({{persons[N]}}) instead',
      );
  }
}
