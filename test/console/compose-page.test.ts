import { describe, expect, test } from 'vitest';
import { emptyDraft, readComposeForm, renderCompose } from '../../libs/console/index.js';
import { composeModel, controlNames, forms, NOTICE_ID, signedIn, tags } from './console-fixture.js';

const ctx = signedIn('en', 'supervisor');

describe('the composer page', () => {
  test('offers Send only beside a preview, with the digest of the draft previewed', () => {
    const before = renderCompose(ctx, { draft: emptyDraft(NOTICE_ID), directory: [], problems: [] });
    expect(before).not.toContain('value="send"');
    const after = renderCompose(ctx, composeModel());
    expect(after).toContain('value="send"');
    expect(tags(after, 'input')).toContainEqual({ type: 'hidden', name: 'previewDigest', value: 'digest-of-the-draft' });
  });

  test('shows each agency’s line of the preview with the categories it would get', () => {
    const rows = tags(renderCompose(ctx, composeModel()), 'tr').filter((r) => r['data-agency']);
    expect(rows).toEqual([
      { 'data-agency': 'it-police', 'data-delivered': 'yes', 'data-categories': 'core person.profile summary' },
      { 'data-agency': 'gr-police', 'data-delivered': 'no', 'data-categories': '' },
    ]);
  });

  test('lists the directory’s agencies but its own as addressees, checked as the draft says', () => {
    const boxes = tags(renderCompose(ctx, composeModel()), 'input').filter((i) => i.name === 'addressees');
    expect(boxes).toEqual([{ id: 'addressee-it-police', name: 'addressees', type: 'checkbox', value: 'it-police', checked: '' }]);
  });

  test('says so when the directory could not be read, and keeps the addressees already chosen', () => {
    const markup = renderCompose(ctx, { ...composeModel(), directory: undefined });
    expect(markup).toContain('The agency directory could not be read');
    expect(tags(markup, 'input')).toContainEqual({ type: 'hidden', name: 'addressees', value: 'it-police' });
  });

  test('keeps the markup tools hidden until the script shows them, and offers every element to reference', () => {
    const markup = renderCompose(ctx, composeModel());
    expect(tags(markup, 'div')).toContainEqual({ class: 'markup-tools', id: 'markup-tools', hidden: '' });
    const refs = tags(markup, 'option')
      .map((o) => o.value)
      .filter((v) => v?.includes('['));
    expect(refs).toContain('persons[0]');
    expect(refs).toContain('persons[0].documents[0].number');
    expect(refs).toContain('persons[0].phone');
  });

  test('shows the marked-up summary: references with the value they name, spans with their category', () => {
    const markup = renderCompose(ctx, composeModel());
    expect(markup).toContain('<mark class="markup-ref"><bdi>Kamal Haddad</bdi></mark>');
    expect(markup).toContain('<mark class="markup-span"><bdi>the boy’s uncle</bdi></mark>');
  });

  test('links each problem to its field and marks the field invalid', () => {
    const markup = renderCompose(ctx, { ...composeModel(), problems: [{ field: 'caseRef', message: 'caseRef: required' }] });
    expect(tags(markup, 'a')).toContainEqual({ href: '#caseRef' });
    expect(tags(markup, 'input').find((i) => i.id === 'caseRef')).toMatchObject({ 'aria-invalid': 'true' });
    expect(markup).not.toContain('value="send"');
  });

  test('puts what was typed back into the form escaped', () => {
    const draft = readComposeForm(
      { caseRef: ['"><script>alert(1)</script>'], summary: ['</textarea><img src=x onerror=alert(1)>'] },
      NOTICE_ID,
    );
    const markup = renderCompose(ctx, { draft, directory: [], problems: [] });
    expect(markup).not.toContain('<script>alert');
    expect(markup).not.toContain('<img');
    expect(tags(markup, 'input').find((i) => i.id === 'caseRef')?.value).toBe('&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  test('posts to /compose with every row’s fields named by list, row and field', () => {
    const [form] = forms(renderCompose(ctx, composeModel())).filter((f) => f.action === '/compose');
    expect(form?.method).toBe('post');
    const names = controlNames(form?.body ?? '');
    expect(names).toEqual(
      expect.arrayContaining(['noticeId', 'caseRef', 'tlp', 'persons-0-fullName', 'persons-0-dateOfBirth', 'rows-persons', 'summary']),
    );
  });
});
