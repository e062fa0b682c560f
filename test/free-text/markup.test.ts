import { describe, expect, test } from 'vitest';
import { formatTemplate, parseMarkup, parseTemplate } from '../../libs/free-text/index.js';

describe('summary markup', () => {
  test('references to elements and their fields, tagged spans and literal text are read in order', () => {
    expect(parseMarkup('{{persons[0]}} rang {{persons[1].phone}}; {{migrant.identity:her uncle}} paid {{financial[2].account}}.')).toEqual([
      { ref: { collection: 'persons', index: 0 } },
      { text: ' rang ' },
      { ref: { collection: 'persons', index: 1, field: 'phone' } },
      { text: '; ' },
      { span: { category: 'migrant.identity', text: 'her uncle' } },
      { text: ' paid ' },
      { ref: { collection: 'financial', index: 2, field: 'account' } },
      { text: '.' },
    ]);
  });

  test('a document of a person is named by its position', () => {
    expect(parseMarkup('{{persons[0].documents[1].number}}')).toEqual([
      { ref: { collection: 'persons', index: 0, field: 'documents[1].number' } },
    ]);
  });

  test('\\{{ is a literal "{{"', () => {
    expect(parseMarkup('a \\{{ b')).toEqual([{ text: 'a {{ b' }]);
  });

  test.each([
    ['an unclosed reference', 'seen {{persons[0]', /character 6: "\{\{" is never closed/],
    ['a field the element does not have', '{{locations[0].phone}}', /"phone" is not a field/],
    ['a category that is not one', '{{secret:text}}', /"secret" is not a category/],
    ['core as a span category', '{{core:text}}', /"core" is not a category/],
    ['an empty span', '{{summary: }}', /needs text/],
    ['something that is neither', '{{who knows}}', /neither a reference/],
  ])('%s is E_SCHEMA at summary, saying where', (_what, text, message) => {
    expect(() => parseMarkup(text)).toThrow(
      expect.objectContaining({ code: 'E_SCHEMA', path: 'summary', message: expect.stringMatching(message) }),
    );
  });
});

describe('the wire template', () => {
  test('formats and reads back the same pieces, a literal "{{" included', () => {
    const pieces = [
      { text: 'a {{ b ' },
      { placeholder: { path: 'persons/AAAAAAAAAAAAAAAAAAAAAA/identity', field: 'documents.0.number' } },
      { text: '.' },
    ];
    expect(parseTemplate(formatTemplate(pieces))).toEqual(pieces);
  });

  test('a placeholder that is not a path is not a template', () => {
    expect(parseTemplate('{{persons[0]}}')).toBeUndefined();
  });
});
