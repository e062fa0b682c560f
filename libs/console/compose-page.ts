import { COLLECTIONS, rowFieldName, type Collection, type ComposeDraft } from './compose-draft.js';
import { CATEGORIES } from '../notice/index.js';
import { dataTable } from './table.js';
import type { ComposeModel, DirectoryEntryModel, MarkedPiece, PreviewModel } from './compose-models.js';
import { draftRelations, type DraftRelation } from './compose-relations.js';
import { CONSOLE_PATHS, composeReplyPath, composeUpdatePath, noticePath, sentPath } from './console-paths.js';
import type { Lang, PageContext } from './console-models.js';
import { csrfInput } from './forms.js';
import { listHtml } from './format.js';
import { html, raw, text, type SafeHtml } from './html.js';
import type { MessageKey } from './i18n/en.js';
import { t, tHtml } from './i18n/translate.js';
import { page } from './layout.js';
import { TLP_LEVELS, tlpBadge, tlpMeaning } from './tlp.js';

const NOTICE_TYPES = ['ALERT', 'REQUEST_FOR_INFORMATION', 'INTELLIGENCE_REPORT', 'CASE_UPDATE'] as const;
const MODES = ['LAND', 'SEA', 'AIR'] as const;
const CAVEATS = ['WITNESS_PROTECTION', 'MINORS_INVOLVED', 'FINANCIAL_INVESTIGATION'] as const;
const HANDLING_CODES = ['NO_ONWARD_SHARING', 'NOT_FOR_COURT_WITHOUT_CONSENT', 'CONSENT_BEFORE_ACTION'] as const;
const PERSON_ROLES = ['SMUGGLER_SUSPECT', 'FACILITATOR', 'SMUGGLED_MIGRANT', 'WITNESS'] as const;
const CONVEYANCE_KINDS = ['VESSEL', 'VEHICLE', 'AIRCRAFT'] as const;
/** The categories a summary's span can be tagged with: all but core, which every recipient gets. */
const SPAN_CATEGORIES = CATEGORIES.filter((c) => c !== 'core');

const ENTITY_KEY: Record<Collection, MessageKey> = {
  persons: 'entity.person',
  conveyances: 'entity.conveyance',
  financial: 'entity.financial',
  locations: 'entity.location',
};
const LIST_KEY: Record<Collection, MessageKey> = {
  persons: 'compose.persons',
  conveyances: 'compose.conveyances',
  financial: 'compose.financial',
  locations: 'compose.locations',
};
const ADD_KEY: Record<Collection, MessageKey> = {
  persons: 'compose.addPersons',
  conveyances: 'compose.addConveyances',
  financial: 'compose.addFinancial',
  locations: 'compose.addLocations',
};
/** The label of each row field: the notice page's field names where they exist. */
const FIELD_KEY: Record<string, MessageKey> = {
  role: 'field.role',
  fullName: 'field.fullName',
  dateOfBirth: 'field.dateOfBirth',
  nationality: 'field.nationality',
  phone: 'field.phone',
  minor: 'field.minor',
  unaccompanied: 'field.unaccompanied',
  documentKind: 'compose.documentKind',
  documentNumber: 'compose.documentNumber',
  documentCountry: 'compose.documentCountry',
  kind: 'field.kind',
  identifier: 'field.identifier',
  flagCountry: 'field.flagCountry',
  account: 'field.account',
  institution: 'field.institution',
  amount: 'field.amount',
  currency: 'field.currency',
  counterparty: 'field.counterparty',
  lat: 'field.lat',
  lon: 'field.lon',
  label: 'field.label',
  observedAt: 'field.observedAt',
};
/** What a summary's reference can name in each element (libs/free-text/markup.ts), with the row field it shows. */
const REFERABLE: Record<Collection, [string, string][]> = {
  persons: [
    ['fullName', 'fullName'],
    ['dateOfBirth', 'dateOfBirth'],
    ['phone', 'phone'],
    ['nationality', 'nationality'],
    ['documents[0].number', 'documentNumber'],
  ],
  conveyances: [['identifier', 'identifier']],
  financial: [
    ['account', 'account'],
    ['institution', 'institution'],
    ['amount', 'amount'],
    ['counterparty', 'counterparty'],
  ],
  locations: [
    ['label', 'label'],
    ['position', 'lat'],
  ],
};

interface FieldOptions {
  type?: string;
  hint?: SafeHtml | string;
  required?: boolean;
  maxlength?: number;
  invalid: ReadonlySet<string>;
}

function hintOf(id: string, hint: SafeHtml | string | undefined): SafeHtml {
  return hint ? html`<p class="hint" id="${id}-hint">${hint}</p>` : html``;
}

function aria(id: string, options: { hint?: unknown; invalid: ReadonlySet<string> }): SafeHtml {
  return html`${options.hint ? html` aria-describedby="${id}-hint"` : ''}${options.invalid.has(id) ? raw(' aria-invalid="true"') : ''}`;
}

function inputField(id: string, label: string, value: string, options: FieldOptions): SafeHtml {
  return html`<div class="field">
    <label for="${id}">${label}</label>
    <input
      id="${id}"
      name="${id}"
      type="${options.type ?? 'text'}"
      value="${value}"
      maxlength="${options.maxlength ?? 256}"
      ${options.required ? raw(' required') : ''}
      ${aria(id, options)}
    />
    ${hintOf(id, options.hint)}
  </div>`;
}

function selectField(
  id: string,
  label: string,
  value: string,
  choices: readonly [string, string][],
  invalid: ReadonlySet<string>,
): SafeHtml {
  const options = choices.map(([v, l]) => html`<option value="${v}" ${v === value ? raw(' selected') : ''}>${l}</option>`);
  return html`<div class="field">
    <label for="${id}">${label}</label>
    <select id="${id}" name="${id}" ${aria(id, { invalid })}>
      ${options}
    </select>
  </div>`;
}

function checkField(id: string, name: string, value: string, label: SafeHtml | string, checked: boolean, hint?: string): SafeHtml {
  return html`<div class="field-check">
    <input
      id="${id}"
      name="${name}"
      type="checkbox"
      value="${value}"
      ${checked ? raw(' checked') : ''}
      ${hint ? html` aria-describedby="${id}-hint"` : ''}
    />
    <label for="${id}">${label}</label>
    ${hint ? html`<p class="hint" id="${id}-hint">${hint}</p>` : ''}
  </div>`;
}

const choose = (lang: Lang, values: readonly string[], key: (v: string) => MessageKey): [string, string][] => [
  ['', t(lang, 'compose.choose')],
  ...values.map((v): [string, string] => [v, t(lang, key(v))]),
];

function noticeFieldset(lang: Lang, d: ComposeDraft, invalid: ReadonlySet<string>): SafeHtml {
  return html`<fieldset>
    <legend>${t(lang, 'compose.notice')}</legend>
    <div class="compose-grid">
      ${inputField('caseRef', t(lang, 'compose.caseRef'), d.caseRef, { required: true, maxlength: 128, invalid })}
      ${selectField(
        'type',
        t(lang, 'compose.type'),
        d.type,
        choose(lang, NOTICE_TYPES, (v) => `noticeType.${v}` as MessageKey),
        invalid,
      )}
      ${selectField(
        'mode',
        t(lang, 'compose.mode'),
        d.mode,
        choose(lang, MODES, (v) => `mode.${v}` as MessageKey),
        invalid,
      )}
      ${inputField('migrantCount', t(lang, 'compose.migrantCount'), d.migrantCount, { type: 'number', maxlength: 9, invalid })}
      ${inputField('deathsReported', t(lang, 'compose.deathsReported'), d.deathsReported, { type: 'number', maxlength: 9, invalid })}
    </div>
  </fieldset>`;
}

function tlpFieldset(lang: Lang, d: ComposeDraft): SafeHtml {
  const choices = TLP_LEVELS.map(
    (level) =>
      html`<div class="field-check">
        <input
          id="tlp-${level}"
          name="tlp"
          type="radio"
          value="${level}"
          ${d.tlp === level ? raw(' checked') : ''}
          aria-describedby="tlp-${level}-hint"
        />
        <label for="tlp-${level}">${tlpBadge(level)}</label>
        <p class="hint" id="tlp-${level}-hint">${tlpMeaning(lang, level)}</p>
      </div>`,
  );
  return html`<fieldset id="tlp">
    <legend>${t(lang, 'compose.tlp')}</legend>
    ${choices}
  </fieldset>`;
}

function caveatsFieldset(lang: Lang, d: ComposeDraft): SafeHtml {
  return html`<fieldset id="caveats">
    <legend>${t(lang, 'compose.caveats')}</legend>
    ${CAVEATS.map((c) => checkField(`caveat-${c}`, 'caveats', c, t(lang, `caveat.${c}` as MessageKey), d.caveats.includes(c)))}
  </fieldset>`;
}

function handlingFieldset(lang: Lang, d: ComposeDraft): SafeHtml {
  return html`<fieldset id="handling" aria-describedby="handling-hint">
    <legend>${t(lang, 'compose.handling')}</legend>
    <p class="hint" id="handling-hint">${t(lang, 'compose.handlingHint')}</p>
    ${HANDLING_CODES.map((c) =>
      checkField(`handling-${c}`, 'handling', c, t(lang, `handling.${c}`), d.handling.includes(c), t(lang, `handling.meaning.${c}`)),
    )}
  </fieldset>`;
}

function routeFieldset(lang: Lang, d: ComposeDraft, invalid: ReadonlySet<string>): SafeHtml {
  return html`<fieldset>
    <legend>${t(lang, 'compose.route')}</legend>
    <p class="hint" id="route-hint">${t(lang, 'compose.routeHint')}</p>
    <div class="compose-grid">
      ${(['origin', 'transit', 'destination'] as const).map((leg) =>
        inputField(leg, t(lang, `compose.${leg}`), d[leg], { maxlength: 128, invalid }),
      )}
    </div>
  </fieldset>`;
}

function addresseesFieldset(ctx: PageContext, d: ComposeDraft, directory: DirectoryEntryModel[] | undefined): SafeHtml {
  const { lang } = ctx;
  const others = (directory ?? []).filter((a) => a.id !== ctx.agency);
  const entries = directory
    ? others.map((a) =>
        checkField(
          `addressee-${a.id}`,
          'addressees',
          a.id,
          tHtml(lang, 'compose.agencyEntry', { id: a.id, role: a.role, country: a.country }),
          d.addressees.includes(a.id),
        ),
      )
    : html`<p class="flash flash-error" role="alert">${t(lang, 'compose.directoryUnavailable')}</p>`;
  // Addressees chosen before the directory failed stay in the draft.
  const kept = directory ? [] : d.addressees.map((id) => html`<input type="hidden" name="addressees" value="${id}" />`);
  return html`<fieldset id="addressees">
    <legend>${t(lang, 'compose.addressees')}</legend>
    <p class="hint">${t(lang, 'compose.addresseesHint')}</p>
    ${entries} ${kept}
  </fieldset>`;
}

function rowField(lang: Lang, collection: Collection, index: number, field: string, value: string, invalid: ReadonlySet<string>): SafeHtml {
  const id = rowFieldName(collection, index, field);
  const label = t(lang, FIELD_KEY[field] ?? 'field.kind');
  if (field === 'role')
    return selectField(
      id,
      label,
      value,
      choose(lang, PERSON_ROLES, (v) => `personRole.${v}` as MessageKey),
      invalid,
    );
  if (field === 'kind')
    return selectField(
      id,
      label,
      value,
      choose(lang, CONVEYANCE_KINDS, (v) => `conveyanceKind.${v}` as MessageKey),
      invalid,
    );
  if (field === 'minor')
    return selectField(
      id,
      label,
      value,
      [
        ['', t(lang, 'compose.minorUnknown')],
        ['yes', t(lang, 'common.yes')],
        ['no', t(lang, 'common.no')],
      ],
      invalid,
    );
  if (field === 'unaccompanied') return checkField(id, id, '1', label, value !== '');
  const type = field === 'dateOfBirth' ? 'date' : field === 'observedAt' ? 'datetime-local' : 'text';
  return inputField(id, label, value, { type, invalid, ...(field === 'observedAt' ? { hint: t(lang, 'compose.observedAtHint') } : {}) });
}

function rowsFieldset(lang: Lang, collection: Collection, rows: Record<string, string>[], invalid: ReadonlySet<string>): SafeHtml {
  const fields: readonly string[] = COLLECTIONS[collection];
  const fieldsets = rows.map(
    (row, i) =>
      html`<fieldset class="compose-row">
        <legend>${t(lang, ENTITY_KEY[collection], { n: i + 1 })}</legend>
        <div class="compose-grid">${fields.map((f) => rowField(lang, collection, i, f, row[f] ?? '', invalid))}</div>
      </fieldset>`,
  );
  return html`<fieldset id="${collection}">
    <legend>${t(lang, LIST_KEY[collection])}</legend>
    <p class="hint">${t(lang, 'compose.rowsHint')}</p>
    <input type="hidden" name="rows-${collection}" value="${rows.length}" />
    ${fieldsets}
    <button type="submit" name="action" value="add-${collection}" class="secondary" formnovalidate>${t(lang, ADD_KEY[collection])}</button>
  </fieldset>`;
}

/** The elements a summary can refer to, as the markup tools offer them. */
function referenceOptions(lang: Lang, d: ComposeDraft): SafeHtml[] {
  const lists: [Collection, Record<string, string>[]][] = [
    ['persons', d.persons],
    ['conveyances', d.conveyances],
    ['financial', d.financial],
    ['locations', d.locations],
  ];
  return lists.flatMap(([collection, rows]) =>
    rows.flatMap((_, i) => {
      const element = t(lang, ENTITY_KEY[collection], { n: i + 1 });
      return [
        html`<option value="${`${collection}[${i}]`}">${t(lang, 'compose.whole', { element })}</option>`,
        ...REFERABLE[collection].map(
          ([ref, field]) =>
            html`<option value="${`${collection}[${i}].${ref}`}">${element}: ${t(lang, FIELD_KEY[field] ?? 'field.kind')}</option>`,
        ),
      ];
    }),
  );
}

function summaryFieldset(lang: Lang, d: ComposeDraft, invalid: ReadonlySet<string>): SafeHtml {
  const categories = SPAN_CATEGORIES.map((c) => html`<option value="${c}">${t(lang, `category.${c}` as MessageKey)}</option>`);
  // The tools need the script; without it the hint's markup is typed by hand.
  return html`<fieldset>
    <legend>${t(lang, 'compose.summary')}</legend>
    <div class="field">
      <label for="summary">${t(lang, 'compose.summary')}</label>
      <textarea
        id="summary"
        name="summary"
        rows="8"
        maxlength="20000"
        aria-describedby="summary-hint"
        ${invalid.has('summary') ? raw(' aria-invalid="true"') : ''}
      >
${d.summary}</textarea>
      <p class="hint" id="summary-hint">${t(lang, 'compose.summaryHint')}</p>
    </div>
    <div class="markup-tools" id="markup-tools" hidden>
      <p class="markup-tools-title">${t(lang, 'compose.markupTools')}</p>
      <div class="field">
        <label for="markup-ref">${t(lang, 'compose.refElement')}</label>
        <select id="markup-ref">
          ${referenceOptions(lang, d)}
        </select>
      </div>
      <button type="button" id="markup-insert-ref" class="secondary">${t(lang, 'compose.insertRef')}</button>
      <div class="field">
        <label for="markup-category">${t(lang, 'compose.spanCategory')}</label>
        <select id="markup-category">
          ${categories}
        </select>
      </div>
      <button type="button" id="markup-mark-span" class="secondary">${t(lang, 'compose.markSpan')}</button>
    </div>
  </fieldset>`;
}

function problemsHtml(lang: Lang, model: ComposeModel): SafeHtml {
  if (model.problems.length === 0) return html``;
  return html`<div class="flash flash-error" role="alert" id="compose-problems">
    <p>${t(lang, 'compose.problems')}</p>
    <ul>
      ${model.problems.map((p) => html`<li><a href="${`#${p.field}`}">${text(p.message)}</a></li>`)}
    </ul>
  </div>`;
}

const categoryList = (lang: Lang, categories: readonly string[]): SafeHtml =>
  categories.length === 0
    ? html`${t(lang, 'common.none')}`
    : listHtml(
        lang,
        categories.map((c) => html`${t(lang, `category.${c}` as MessageKey)}`),
      );

function markedUpHtml(lang: Lang, pieces: readonly MarkedPiece[]): SafeHtml {
  const shown = pieces.map((p) =>
    'ref' in p
      ? html`<mark class="markup-ref">${text(p.text)}</mark> <span class="tag">${text(p.ref)}</span>`
      : 'category' in p
        ? html`<mark class="markup-span">${text(p.text)}</mark> <span class="tag">${t(lang, `category.${p.category}` as MessageKey)}</span>`
        : text(p.text),
  );
  return html`<h3>${t(lang, 'compose.markedUp')}</h3>
    <p class="hint">${t(lang, 'compose.markedUpHint')}</p>
    <p class="marked-up">${shown}</p>`;
}

function previewHtml(lang: Lang, preview: PreviewModel, markedUp: readonly MarkedPiece[] | undefined): SafeHtml {
  const rows = preview.agencies.map(
    (a) =>
      html`<tr data-agency="${a.agency}" data-delivered="${a.delivered ? 'yes' : 'no'}" data-categories="${a.categories.join(' ')}">
        <th scope="row">${text(a.agency)}</th>
        <td>${t(lang, a.delivered ? 'common.yes' : 'common.no')}</td>
        <td>${t(lang, `compose.tlp.${a.tlp}` as MessageKey)}</td>
        <td>${a.delivered ? categoryList(lang, a.categories) : '–'}</td>
        <td>
          ${categoryList(lang, a.withheld)}
          ${a.invariants.map(
            (i) =>
              html`<p class="hint">
                ${t(lang, 'compose.invariant', { invariant: i.invariant, categories: i.removed.map((c) => t(lang, `category.${c}` as MessageKey)).join(t(lang, 'common.listSeparator')) })}
              </p>`,
          )}
        </td>
        <td>
          ${
            a.ruleIds.length
              ? listHtml(
                  lang,
                  a.ruleIds.map((r) => html`<code>${text(r)}</code>`),
                )
              : '–'
          }
        </td>
      </tr>`,
  );
  const none = preview.agencies.every((a) => !a.delivered) ? html`<p>${t(lang, 'compose.noRecipient')}</p>` : '';
  return html`<section class="preview" id="preview" aria-labelledby="preview-heading">
    <h2 id="preview-heading">${t(lang, 'compose.previewTitle')}</h2>
    <p>${tHtml(lang, 'compose.previewIntro', { version: preview.policyVersion })}</p>
    ${none}
    ${dataTable(t(lang, 'compose.previewCaption'), [t(lang, 'column.agency'), t(lang, 'compose.receives'), t(lang, 'column.tlp'), t(lang, 'column.categories'), t(lang, 'column.withheld'), t(lang, 'compose.rules')], rows, { className: 'preview-table', hiddenCaption: true })}
    ${markedUp?.some((p) => 'ref' in p || 'category' in p) ? markedUpHtml(lang, markedUp) : ''}
  </section>`;
}

/** The page's heading: a reply or a new version names the notice it relates to (an update before a reply it keeps). */
function composeTitle(relations: readonly DraftRelation[]): { key: MessageKey; noticeId?: string; path: string } {
  const update = relations.find((r) => r.kind === 'UPDATE');
  const reply = relations.find((r) => r.kind === 'REPLY');
  if (update) return { key: 'compose.updateTitle', noticeId: update.noticeId, path: composeUpdatePath(update.noticeId) };
  if (reply) return { key: 'compose.replyTitle', noticeId: reply.noticeId, path: composeReplyPath(reply.noticeId) };
  return { key: 'compose.title', path: CONSOLE_PATHS.compose };
}

/** The notices the draft replies to or updates, linked, with what each relation does; carried by hidden fields to the send. */
function relationsSection(lang: Lang, relations: readonly DraftRelation[], leftOut: readonly string[]): SafeHtml {
  if (relations.length === 0) return html``;
  const items = relations.map((r) => {
    const link = html`<a href="${r.kind === 'REPLY' ? noticePath(r.noticeId) : sentPath(r.noticeId)}"><code>${text(r.noticeId)}</code></a>`;
    return html`<li>${tHtml(lang, r.kind === 'REPLY' ? 'compose.replyTo' : 'compose.updates', { noticeId: link })}</li>`;
  });
  const hints = [...new Set(relations.map((r) => r.kind))].map(
    (kind) => html`<p class="hint">${t(lang, kind === 'REPLY' ? 'compose.replyHint' : 'compose.updateHint')}</p>`,
  );
  const left =
    leftOut.length > 0
      ? html`<p class="flash flash-error" role="alert">
          ${t(lang, 'compose.leftOut', { paths: leftOut.join(t(lang, 'common.listSeparator')) })}
        </p>`
      : '';
  return html`<section aria-labelledby="relations-heading" class="relations" id="relations">
    <h2 id="relations-heading">${t(lang, 'notice.relations')}</h2>
    <ul>
      ${items}
    </ul>
    ${hints} ${left}
  </section>`;
}

/**
 * The supervisor's composer: the notice as a form (every list grows by a button, so it
 * works without the script), the summary with its markup tools, and, once previewed,
 * what each agency would receive under the running policy. Send appears with a preview
 * and sends exactly the draft previewed.
 */
export function renderCompose(ctx: PageContext, model: ComposeModel): string {
  const { lang } = ctx;
  const d = model.draft;
  const invalid = new Set(model.problems.map((p) => p.field));
  const note = model.previewNote
    ? html`<p class="flash flash-info" role="status">
        ${t(lang, model.previewNote === 'stale' ? 'compose.previewStale' : 'compose.previewFirst')}
      </p>`
    : '';
  const relations = draftRelations(d.relations);
  const title = composeTitle(relations);
  const main = html`<h1>${title.noticeId ? tHtml(lang, title.key, { noticeId: title.noticeId }) : t(lang, title.key)}</h1>
    <p>${t(lang, 'compose.intro')}</p>
    ${relationsSection(lang, relations, model.leftOut ?? [])} ${problemsHtml(lang, model)} ${note}
    <form method="post" action="${CONSOLE_PATHS.compose}" class="compose" novalidate>
      ${csrfInput(ctx)}
      <input type="hidden" name="noticeId" value="${d.noticeId}" />
      ${d.relations.map((value) => html`<input type="hidden" name="relations" value="${value}" />`)}
      ${model.previewDigest ? html`<input type="hidden" name="previewDigest" value="${model.previewDigest}" />` : ''}
      ${noticeFieldset(lang, d, invalid)} ${tlpFieldset(lang, d)} ${caveatsFieldset(lang, d)} ${handlingFieldset(lang, d)}
      ${routeFieldset(lang, d, invalid)} ${addresseesFieldset(ctx, d, model.directory)} ${rowsFieldset(lang, 'persons', d.persons, invalid)}
      ${rowsFieldset(lang, 'conveyances', d.conveyances, invalid)} ${rowsFieldset(lang, 'financial', d.financial, invalid)}
      ${rowsFieldset(lang, 'locations', d.locations, invalid)} ${summaryFieldset(lang, d, invalid)}
      ${model.preview ? previewHtml(lang, model.preview, model.markedUp) : ''}
      <div class="compose-actions">
        <button type="submit" name="action" value="preview" ${model.preview ? raw(' class="secondary"') : ''}>
          ${t(lang, 'compose.preview')}
        </button>
        ${model.preview && model.problems.length === 0 ? html`<button type="submit" name="action" value="send">${t(lang, 'compose.send')}</button>` : ''}
      </div>
    </form>`;
  const titleText = t(lang, title.key, title.noticeId ? { noticeId: title.noticeId } : undefined);
  return page(ctx, { title: titleText, path: title.path, bodyClass: 'page-compose', main, current: 'compose' });
}
