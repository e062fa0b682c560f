import { describe, expect, test } from 'vitest';
import { discloseNotice } from '../../libs/disclosure/index.js';
import { v1, type CaseNoticeProps } from '../../libs/proto/index.js';
import { sampleNotice } from '../harness/sample-notice.js';
import { disclosed } from '../harness/submissions.js';

const WP = v1.Caveat.WITNESS_PROTECTION;
const witness = { role: v1.PersonRole.WITNESS, fullName: 'Samir Haddad', nationality: 'LY', minor: false, phone: '+218 92 777 3030' };

function layers(notice: CaseNoticeProps) {
  const { opened, signed } = disclosed(notice);
  return { ...opened, protectedManifest: signed.protectedManifest, digests: v1.NoticeManifest.decode(signed.manifest).digests.length };
}

describe('under WITNESS_PROTECTION the originator signs the notice without its witnesses, and them apart', () => {
  const base = sampleNotice('it-police', {
    caveats: [WP],
    persons: sampleNotice('it-police').persons?.slice(0, 2) ?? [],
    summary: 'Kamal Haddad took Amina Tesfaye aboard.',
  });

  test('the main manifest holds no witness and as many digests as the notice without one', () => {
    const without = layers(base);
    const withWitness = layers({ ...base, persons: [...(base.persons ?? []), witness] });
    expect(withWitness.main.persons.some((p) => p.profile.value.role === v1.PersonRole.WITNESS)).toBe(false);
    expect(withWitness.full.persons.filter((p) => p.profile.value.role === v1.PersonRole.WITNESS)).toHaveLength(1);
    expect(withWitness.digests).toBe(without.digests);
  });

  test('a sentence of a plain summary that mentions a witness is left out of the main summary whole, and kept as a tagged span in the protected one', () => {
    const l = layers({
      ...base,
      persons: [...(base.persons ?? []), witness],
      summary: 'Kamal Haddad took Amina Tesfaye aboard. Samir Haddad saw it from the pier. They left at dawn.',
    });
    expect(l.main.summary?.value).toBe('Kamal Haddad took Amina Tesfaye aboard. They left at dawn.');
    expect(l.full.summary?.value).toBe('Kamal Haddad took Amina Tesfaye aboard. Samir Haddad saw it from the pier. They left at dawn.');
    expect(l.full.summarySpans.map((s) => s.value)).toEqual([{ category: 'witness.identity', text: 'Samir Haddad saw it from the pier.' }]);
    expect(l.main.summarySpans).toEqual([]);
  });

  test('a marked-up summary that mentions a witness outside markup is refused, saying how to tag it', () => {
    const notice = { ...base, persons: [...(base.persons ?? []), witness], summary: '{{persons[0]}} paid. Samir Haddad saw it.' };
    expect(() => discloseNotice(notice)).toThrow(
      expect.objectContaining({ code: 'E_SCHEMA', path: 'summary', message: expect.stringMatching(/witness\.identity/) }),
    );
  });

  test("a granted person who shares the witness's surname keeps it whole in the main summary", () => {
    const l = layers({ ...base, persons: [...(base.persons ?? []), witness] });
    expect(l.main.summary?.value).toBe('Kamal Haddad took Amina Tesfaye aboard.');
  });

  test('a tagged witness sentence vanishes from the main summary, the text around it joined', () => {
    const l = layers({
      ...base,
      persons: [...(base.persons ?? []), witness],
      summary: 'Boat left at dawn. {{witness.identity:A fisherman saw it.}} 45 aboard.',
    });
    expect(l.main.summary?.value).toBe('Boat left at dawn. 45 aboard.');
  });

  test('a counterparty naming the witness is empty in the main layer and whole in the protected one', () => {
    const l = layers({
      ...base,
      persons: [...(base.persons ?? []), witness],
      financial: [{ account: 'LY83002048000020100120361', counterparty: 'cash to Samir Haddad' }],
    });
    expect(l.main.financial[0]?.value.counterparty).toBe('');
    expect(l.full.financial[0]?.value.counterparty).toBe('cash to Samir Haddad');
    expect(l.full.financial[0]?.path).toBe(l.main.financial[0]?.path);
  });

  test('without WITNESS_PROTECTION there is one layer and no protected manifest', () => {
    const l = layers({ ...base, caveats: [], persons: [...(base.persons ?? []), witness] });
    expect(l.protectedManifest).toBeUndefined();
    expect(l.full).toBe(l.main);
  });
});
