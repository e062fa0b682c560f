import type { ElementModel, Lang, NoticeModel, WithheldModel } from './console-models.js';
import { keyFor, labelHtml, timeHtml, valueHtml } from './format.js';
import { html, text, type SafeHtml } from './html.js';
import type { MessageKey } from './i18n/en.js';
import { t, tHtml } from './i18n/translate.js';

/** The entity kinds a path can name, in the order the page shows them. */
const COLLECTIONS = ['persons', 'conveyances', 'financial', 'locations'] as const;
type Collection = (typeof COLLECTIONS)[number];

const ENTITY_LABEL: Record<Collection, MessageKey> = {
  persons: 'entity.person',
  conveyances: 'entity.conveyance',
  financial: 'entity.financial',
  locations: 'entity.location',
};

/** Within an entity: the pseudonym first, then what describes it, then who it is. */
const KIND_ORDER: ElementModel['kind'][] = [
  'pseudonym',
  'personProfile',
  'personIdentity',
  'conveyance',
  'financial',
  'location',
  'coarseLocation',
  'summary',
  'other',
];

/** Fields whose values are enum names or booleans, shown by their translated names. */
const VALUE_PREFIX: Partial<Record<string, string>> = { role: 'personRole', kind: 'conveyanceKind' };
const BOOLEAN_FIELDS = new Set(['minor', 'unaccompanied']);

function collectionOf(path: string | undefined): Collection | undefined {
  const first = (path ?? '').split('/')[0] ?? '';
  return (COLLECTIONS as readonly string[]).includes(first) ? (first as Collection) : undefined;
}

function entityIdOf(path: string): string | undefined {
  const [collection, id] = path.split('/');
  return collectionOf(collection) && id ? id : undefined;
}

/** "Person 1", "Location 2"...: entities numbered per kind, in the order they first appear. */
export class EntityNames {
  private readonly names = new Map<string, string>();
  private readonly counts = new Map<Collection, number>();

  constructor(private readonly lang: Lang) {}

  nameOf(collection: Collection, id: string): string {
    const key = `${collection}/${id}`;
    let name = this.names.get(key);
    if (name === undefined) {
      const n = (this.counts.get(collection) ?? 0) + 1;
      this.counts.set(collection, n);
      name = t(this.lang, ENTITY_LABEL[collection], { n });
      this.names.set(key, name);
    }
    return name;
  }

  /** The entity a path belongs to, named, if it names one. */
  ofPath(path: string): string | undefined {
    const collection = collectionOf(path);
    const id = entityIdOf(path);
    return collection && id ? this.nameOf(collection, id) : undefined;
  }
}

interface Group {
  heading: string;
  entityId?: string;
  elements: ElementModel[];
}

/** Elements grouped by their entity (persons first), then the summary and anything else. */
function groupsOf(lang: Lang, elements: ElementModel[], names: EntityNames): Group[] {
  const byKey = new Map<string, Group & { rank: number }>();
  for (const element of elements) {
    const collection = collectionOf(element.path);
    const entity = element.entity ?? (element.path ? entityIdOf(element.path) : undefined);
    let key: string;
    let rank: number;
    let heading: string;
    if (collection && entity) {
      key = `${collection}/${entity}`;
      rank = COLLECTIONS.indexOf(collection);
      heading = names.nameOf(collection, entity);
    } else if (element.kind === 'summary') {
      key = 'summary';
      rank = COLLECTIONS.length;
      heading = t(lang, 'entity.summary');
    } else {
      key = 'other';
      rank = COLLECTIONS.length + 1;
      heading = t(lang, 'entity.other');
    }
    const group = byKey.get(key) ?? { heading, rank, elements: [], ...(collection && entity ? { entityId: entity } : {}) };
    group.elements.push(element);
    byKey.set(key, group);
  }
  return [...byKey.values()]
    .map((group, order) => ({ group, order }))
    .sort((a, b) => a.group.rank - b.group.rank || a.order - b.order)
    .map(({ group }) => ({
      ...group,
      elements: [...group.elements].sort((a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind)),
    }));
}

/** A category by its name, with its code: "Smuggler identity smuggler.identity"; one not known as the text it is. */
export function categoryHtml(lang: Lang, category: string): SafeHtml {
  const key = keyFor('category', category);
  if (!key) return html`<span class="category">${valueHtml(lang, category)}</span>`;
  return html`<span class="category">${t(lang, key)} <code>${category}</code></span>`;
}

function fieldValueHtml(lang: Lang, name: string, value: string): SafeHtml {
  if (BOOLEAN_FIELDS.has(name) && (value === 'true' || value === 'false'))
    return html`${t(lang, value === 'true' ? 'common.yes' : 'common.no')}`;
  if (name === 'observedAt') return timeHtml(lang, value);
  const prefix = VALUE_PREFIX[name];
  return prefix ? labelHtml(lang, prefix, value) : valueHtml(lang, value);
}

function elementHtml(lang: Lang, element: ElementModel): SafeHtml {
  const derived = element.derived ? html` <span class="tag tag-derived">${t(lang, 'notice.derived')}</span>` : '';
  const fields = element.fields.map(([name, value]) => {
    const label = keyFor('field', name);
    const valueClass = name === 'summary' ? 'value summary-text' : name === 'pseudonym' ? 'value pseudonym' : 'value';
    return html`<div class="field-row">
      <dt>${label ? t(lang, label) : text(name)}</dt>
      <dd class="${valueClass}">${fieldValueHtml(lang, name, value)}</dd>
    </div>`;
  });
  return html`<article class="element element-${element.kind}">
    <h4>${t(lang, `kind.${element.kind}`)}${derived}</h4>
    <p class="element-category">${t(lang, 'notice.category')}: ${categoryHtml(lang, element.category)}</p>
    ${element.kind === 'pseudonym' ? html`<p class="hint">${t(lang, 'notice.pseudonymHint')}</p>` : ''}
    ${fields.length > 0 ? html`<dl class="fields">${fields}</dl>` : ''}
  </article>`;
}

/** The elements a view holds, by entity, each with its category and what the bus derived. */
export function elementsHtml(lang: Lang, model: NoticeModel, names: EntityNames): SafeHtml {
  const groups = groupsOf(lang, model.elements, names);
  if (groups.length === 0) return html`<p>${t(lang, 'notice.noElements')}</p>`;
  return html`<p class="hint">${t(lang, 'notice.elementsIntro')}</p>
    ${groups.map(
      (group, i) =>
        html`<section class="entity" aria-labelledby="entity-${i}">
          <h3 id="entity-${i}">${group.heading}${group.entityId ? html` <code class="entity-id">${text(group.entityId)}</code>` : ''}</h3>
          ${group.elements.map((e) => elementHtml(lang, e))}
        </section>`,
    )}`;
}

/** What was withheld: each path, its category and how many values, never a value. */
export function withheldHtml(lang: Lang, withheld: WithheldModel[], names: EntityNames): SafeHtml {
  if (withheld.length === 0) return html`<p>${t(lang, 'notice.withheldNone')}</p>`;
  const items = withheld.map((w) => {
    const count =
      w.count === 1
        ? tHtml(lang, 'notice.withheldOne', { category: categoryHtml(lang, w.category) })
        : tHtml(lang, 'notice.withheldMany', { count: w.count, category: categoryHtml(lang, w.category) });
    const entity = names.ofPath(w.path);
    return html`<li><code class="path">${text(w.path)}</code>${entity ? html` (${entity})` : ''}: ${count}</li>`;
  });
  return html`<p class="hint">${t(lang, 'notice.withheldIntro')}</p>
    <ul class="withheld-list">
      ${items}
    </ul>`;
}
