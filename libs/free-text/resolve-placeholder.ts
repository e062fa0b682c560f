import type { v1 } from '../proto/index.js';
import { fieldText } from './element-fields.js';
import type { Placeholder } from './template.js';

/** What a reader has to render a template from. */
export interface RenderSources {
  /** A granted element's value, by path ("persons/<id>/identity", "financial/<id>", "summary/spans/<id>"). */
  value(path: string): object | undefined;
  /** The reader's pseudonym for a person, when it may see the profile but not the identity. */
  pseudonym(personId: string): string | undefined;
  /** The category an element was withheld under, by path. */
  withheldCategory(path: string): string | undefined;
}

/** The marker that stands where a withheld value was. */
export function marker(category: string): string {
  return `[withheld:${category}]`;
}

const PERSON = /^persons\/([^/]+)$/;

/**
 * A placeholder as one reader reads it: the value where the element is granted, a
 * person's pseudonym where only the profile is, a neutral marker otherwise. The bus and
 * a verifying recipient render with this same function.
 */
export function resolvePlaceholder(p: Placeholder, s: RenderSources): string {
  const person = PERSON.exec(p.path);
  if (person) {
    const id = person[1] ?? '';
    const identity = s.value(`persons/${id}/identity`);
    const name = identity ? fieldText('persons', identity as v1.PersonIdentity.$Properties, 'fullName') : undefined;
    return name || (s.pseudonym(id) ?? marker(s.withheldCategory(`persons/${id}/identity`) ?? 'person.profile'));
  }
  const value = s.value(p.path);
  if (p.path.startsWith('summary/spans/'))
    return value ? ((value as v1.TaggedSpan.$Properties).text ?? '') : marker(s.withheldCategory(p.path) ?? 'summary');
  const text = value ? fieldText(p.path.split('/')[0] ?? '', value as Parameters<typeof fieldText>[1], p.field) : undefined;
  return text ?? marker(s.withheldCategory(p.path) ?? 'summary');
}
