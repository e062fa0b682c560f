import { describe, expect, test } from 'vitest';
import { toCaseNotice, writtenNotice } from '../../libs/disclosure/index.js';
import { v1 } from '../../libs/proto/index.js';
import { sampleNotice } from '../harness/sample-notice.js';
import { disclosed } from '../harness/submissions.js';

const MARKED =
  '{{persons[0].fullName}} ({{persons[0].documents[0].number}}) steered {{conveyances[0]}}; ' +
  '{{migrant.identity:the boy’s uncle}} paid {{financial[0].amount}} at {{locations[0].label}}, \\{{ literally.';

describe('the notice as its originator wrote it, from its disclosures', () => {
  test('the summary has its references and tagged spans back, as written', () => {
    const { opened } = disclosed(sampleNotice('it-police', { summary: MARKED }));
    expect(writtenNotice(opened.full).summary).toBe(MARKED);
  });

  test('its references name the same elements again in the notice it makes (the text they resolve to is the same)', () => {
    const { opened } = disclosed(sampleNotice('it-police', { summary: MARKED }));
    const again = disclosed(writtenNotice(opened.full));
    expect(again.opened.full.summary?.value).toBe(opened.full.summary?.value);
    expect(again.opened.full.summary?.value).toContain('Kamal Haddad (LY4455667) steered grey rubber boat');
  });

  test('a plain summary stays plain, and everything else is toCaseNotice’s', () => {
    const { opened } = disclosed(sampleNotice('it-police'));
    expect(writtenNotice(opened.full)).toEqual(toCaseNotice(opened.full));
  });

  test('a witness the bus set apart under WITNESS_PROTECTION comes back as a span tagged witness.identity, not as plain text', () => {
    const notice = sampleNotice('it-police', {
      caveats: [v1.Caveat.WITNESS_PROTECTION],
      summary: 'They left at dawn. Yonas Berhane saw it from the pier.',
    });
    const { opened } = disclosed(notice);
    expect(writtenNotice(opened.full).summary).toBe('They left at dawn. {{witness.identity:Yonas Berhane saw it from the pier.}}');
  });
});
