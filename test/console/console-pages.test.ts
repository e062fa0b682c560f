import { describe, expect, test } from 'vitest';
import {
  renderAdmin,
  renderError,
  renderInbox,
  renderInboxRow,
  renderNotice,
  renderPasswordChange,
  renderPrint,
  renderSignIn,
  renderTimeline,
} from '../../libs/console/index.js';
import {
  adminModel,
  controlNames,
  forms,
  inboxModel,
  NOTICE_ID,
  noticeModel,
  signedIn,
  signedOut,
  squash,
  tags,
  timelineModel,
} from './console-fixture.js';

const names = controlNames;

describe('sign-in', () => {
  test('posts name, password and an optional one-time code to /sign-in, the code said to be for supervisors and admins', () => {
    const markup = renderSignIn(signedOut(), {});
    const [form] = forms(markup).filter((f) => f.action === '/sign-in');
    expect(form?.method).toBe('post');
    expect(names(form?.body ?? '')).toEqual(['name', 'password', 'totp']);
    const totp = tags(markup, 'input').find((i) => i.name === 'totp');
    expect(totp && 'required' in totp).toBe(false);
    expect(markup).toContain('needed for supervisors and admins');
  });

  test('a failure shows one generic message that does not say which part was wrong, and keeps the name', () => {
    const markup = renderSignIn(signedOut(), { failed: true, name: 'amal.haddad' });
    expect(markup.match(/role="alert"/g)).toHaveLength(1);
    expect(markup).toContain('Sign-in failed. Check what you typed and try again');
    expect(markup).not.toMatch(/password (is|was) (wrong|incorrect)|unknown (name|user)|locked/i);
    expect(tags(markup, 'input').find((i) => i.name === 'name')?.value).toBe('amal.haddad');
    expect(renderSignIn(signedOut(), {})).not.toContain('role="alert"');
  });
});

describe('password change', () => {
  test('asks for the current password and a new one of at least 12 characters', () => {
    const markup = renderPasswordChange(signedIn(), { oneTime: false });
    const [form] = forms(markup).filter((f) => f.action === '/password');
    expect(names(form?.body ?? '')).toEqual(['_csrf', 'currentPassword', 'newPassword']);
    expect(tags(markup, 'input').find((i) => i.name === 'newPassword')?.minlength).toBe('12');
  });

  test('after a one-time password, asks only for the new one', () => {
    const markup = renderPasswordChange(signedIn(), { oneTime: true });
    expect(names(forms(markup).find((f) => f.action === '/password')?.body ?? '')).toEqual(['_csrf', 'newPassword']);
    expect(markup).toContain('one-time password');
  });

  test('a failure is shown by its message', () => {
    expect(renderPasswordChange(signedIn('fr'), { oneTime: false, failed: 'error.passwordRule' })).toContain(
      'Le nouveau mot de passe doit compter de 12 à 256 caractères.',
    );
  });
});

describe('inbox', () => {
  test('filters by GET /inbox with caseRef, tlp, type, issuer, unread and q, showing the chosen filters', () => {
    const markup = renderInbox(signedIn(), inboxModel());
    const filter = forms(markup).find((f) => f.action === '/inbox');
    expect(filter?.method).toBe('get');
    expect(names(filter?.body ?? '')).toEqual(['caseRef', 'tlp', 'type', 'issuer', 'unread', 'q']);
    expect(
      tags(markup, 'option')
        .filter((o) => 'selected' in o && o.value !== 'en')
        .map((o) => o.value),
    ).toEqual(['RED']);
    expect(tags(markup, 'input').find((i) => i.name === 'unread')).toMatchObject({ type: 'checkbox', value: '1', checked: '' });
    expect(tags(markup, 'input').find((i) => i.name === 'q')?.value).toBe('MT-2026');
  });

  test('the table body is where the live script adds rows', () => {
    expect(tags(renderInbox(signedIn(), inboxModel()), 'tbody')).toEqual([{ id: 'inbox-rows', 'data-live': '/console/rows/' }]);
  });

  test('each row links to its notice and its case, with its TLP badge, time and read state', () => {
    const row = squash(renderInboxRow(signedIn(), inboxModel().rows[1]!));
    expect(row.startsWith('<tr ')).toBe(true);
    expect(row.endsWith('</tr>')).toBe(true);
    expect(row).toContain('data-notice-id="a1b2c3d4-0000-4000-8000-000000000001"');
    expect(row).toContain('href="/notices/a1b2c3d4-0000-4000-8000-000000000001"');
    expect(row).toContain('href="/cases/MT-2026-7"');
    expect(row).toContain('<span class="tlp tlp-red">TLP:RED</span>');
    expect(row).toMatch(/<time datetime="2026-11-30T10:00:00.000Z">[^<]+<\/time>/);
    expect(row).toContain('Unread');
    expect(renderInboxRow(signedIn(), inboxModel().rows[0]!)).toContain('>Read<');
  });

  test('a case reference in a link is one encoded segment', () => {
    const row = renderInboxRow(signedIn(), { ...inboxModel().rows[0]!, caseRef: 'A/B?c=d#e' });
    expect(row).toContain('href="/cases/A%2FB%3Fc%3Dd%23e"');
  });

  test('an empty inbox says so', () => {
    expect(renderInbox(signedIn(), { ...inboxModel(), rows: [], total: 0 })).toContain('No notice matches.');
  });
});

describe('notice', () => {
  const markup = squash(renderNotice(signedIn(), noticeModel()));

  test('opens with the TLP banner: label and meaning', () => {
    const main = markup.slice(markup.indexOf('<main'));
    expect(main).toMatch(/^<main[^>]*>\s*<p class="tlp-banner tlp-amber-strict"><strong class="tlp-label">TLP:AMBER\+STRICT<\/strong>/);
    expect(main).toContain('only within their own organisation');
  });

  test('shows the core facts, the case linking to its timeline', () => {
    for (const fact of [
      'Alert',
      'IT-BA-2026-0042',
      'it-police',
      'Minors involved',
      'Sea',
      'LY',
      'MT',
      'IT',
      'mt-afm',
      '48',
      'mediterranean@7',
    ])
      expect(markup).toContain(fact);
    expect(markup).toContain('href="/cases/IT-BA-2026-0042"');
    expect(markup).toMatch(/<time datetime="2026-11-30T08:15:00.000Z">/);
  });

  test("names the originator's key and says the node verified the signatures", () => {
    expect(markup).toContain('NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs');
    expect(markup).toContain('Signatures verified by this node');
    expect(renderNotice(signedIn(), { ...noticeModel(), verified: false })).toContain('This node has not verified the signatures');
  });

  test('groups elements by entity, shows each category and marks what the bus derived', () => {
    const person = markup.slice(markup.indexOf('Person 1'), markup.indexOf('</section>', markup.indexOf('Person 1')));
    expect(person).toContain('P-7QZK-3MXA');
    expect(person).toContain('Suspected smuggler');
    expect(person).toContain('<h4>Pseudonym <span class="tag tag-derived">derived by the bus</span>');
    expect(person).toContain('<dd class="value pseudonym"><bdi>P-7QZK-3MXA</bdi></dd>');
    expect(person).toContain('A pseudonym, not a name');
    expect(markup).toContain('Approximate location');
    expect(markup.match(/<span class="tag tag-derived">derived by the bus<\/span>/g)).toHaveLength(3);
    expect(markup).toContain('Person profile <code>person.profile</code>');
    expect(markup.indexOf('Person 1')).toBeLessThan(markup.indexOf('Conveyance 1'));
  });

  test('lists what was withheld by path, category and count, never a value', () => {
    const withheld = markup.slice(markup.indexOf('withheld-heading'));
    expect(withheld).toContain('persons/Pm4Rk8/identity');
    expect(withheld).toContain('3 values withheld: <span class="category">Smuggler identity <code>smuggler.identity</code></span>');
    expect(withheld).toContain('1 value withheld: <span class="category">Precise location');
    expect(withheld).toContain('(Person 1)');
  });

  test('links to its print view and says when the officer read it', () => {
    expect(markup).toContain('href="/notices/0f8e5c7a-3b1d-4c2e-9a6f-1d2c3b4a5e6f/print"');
    expect(markup).toMatch(/You read this at <time datetime="2026-11-30T09:00:00.000Z">/);
    const { receiptAt: _read, ...unread } = noticeModel();
    expect(renderNotice(signedIn(), unread)).not.toContain('You read this');
  });
});

describe('print view', () => {
  const markup = squash(renderPrint(signedIn(), noticeModel()));

  test('repeats the TLP marking at the top and bottom, and has the same content without navigation', () => {
    expect(
      markup.match(/<div class="print-marking print-marking-(top|bottom) tlp-amber-strict" aria-hidden="true">TLP:AMBER\+STRICT<\/div>/g),
    ).toHaveLength(2);
    expect(markup).toContain('3 values withheld');
    expect(markup).toContain('P-7QZK-3MXA');
    expect(markup).not.toContain('<nav');
    expect(markup).not.toContain('<form');
    expect(markup).toContain(`href="/notices/${NOTICE_ID}"`);
    expect(markup).toContain('Printed from the <bdi>ly-coastguard</bdi> node by <bdi>amal.haddad</bdi>.');
  });
});

describe('timeline', () => {
  test('lists every notice of the case in the order they were issued, with badges and links', () => {
    const markup = squash(renderTimeline(signedIn(), timelineModel()));
    expect(markup.indexOf(NOTICE_ID)).toBeLessThan(markup.indexOf('later-0000'));
    expect(markup).toContain('<span class="tlp tlp-green">TLP:GREEN</span>');
    expect(markup).toContain(`href="/notices/${NOTICE_ID}"`);
    expect(markup).toContain('Case <bdi>IT-BA-2026-0042</bdi>');
  });
});

describe('administration', () => {
  const markup = squash(renderAdmin(signedIn(), adminModel()));

  test('adds officers by POST /admin/officers with name and role', () => {
    const form = forms(markup).find((f) => f.action === '/admin/officers');
    expect(form?.method).toBe('post');
    expect(names(form?.body ?? '')).toEqual(['_csrf', 'name', 'role']);
    expect(tags(form?.body ?? '', 'option').map((o) => o.value)).toEqual(['officer', 'supervisor', 'admin']);
  });

  test('disables an officer by POST /admin/officers/<name>/disable, for active officers only', () => {
    const actions = forms(markup).map((f) => f.action);
    expect(actions).toContain('/admin/officers/amal.haddad/disable');
    expect(actions).not.toContain('/admin/officers/omar.salem/disable');
    expect(markup).toContain('Disable <bdi>amal.haddad</bdi>');
  });

  test('creates tokens by POST /admin/tokens with a name and scopes checkboxes, and revokes them by POST /admin/tokens/<name>/revoke', () => {
    const form = forms(markup).find((f) => f.action === '/admin/tokens');
    expect(names(form?.body ?? '')).toEqual(['_csrf', 'name', 'scopes', 'scopes', 'scopes']);
    expect(
      tags(form?.body ?? '', 'input')
        .filter((i) => i.name === 'scopes')
        .map((i) => `${i.type}:${i.value}`),
    ).toEqual(['checkbox:read', 'checkbox:publish', 'checkbox:receipt']);
    const actions = forms(markup).map((f) => f.action);
    expect(actions).toContain('/admin/tokens/case-system/revoke');
    expect(actions).not.toContain('/admin/tokens/old-adapter/revoke');
    expect(markup).toContain('Never');
  });

  test('shows a new secret once, in a box that says it will not be shown again', () => {
    expect(markup).not.toContain('class="created"');
    const officer = renderAdmin(
      signedIn(),
      adminModel({ kind: 'officer', name: 'nour.ali', oneTimePassword: 'x7-one-time', totpUri: 'otpauth://totp/A?secret=S' }),
    );
    expect(officer).toContain('<section class="created" role="alert"');
    expect(officer).toContain('it will not be shown again');
    expect(officer).toContain('x7-one-time');
    expect(officer).toContain('otpauth://totp/A?secret&#61;S');
    const token = renderAdmin(signedIn(), adminModel({ kind: 'token', name: 'ci', token: 'acc_secret' }));
    expect(token).toContain('acc_secret');
    expect(token).toContain('it will not be shown again');
  });
});

describe('error page', () => {
  test('shows the status and the message, and the way on', () => {
    const markup = squash(renderError(signedIn('fr'), 404, 'error.notFound'));
    expect(markup).toContain('<h1>Erreur 404</h1>');
    expect(markup).toContain('Cette page ou cette notice n’existe pas sur ce nœud.');
    expect(markup).toContain('href="/inbox"');
    expect(renderError(signedOut(), 401, 'error.unauthenticated')).toContain('href="/sign-in"');
  });
});
