import { createRequire } from 'node:module';
import type { Highs } from 'highs';
import type { Release } from '../../libs/statistics/index.js';

/** What the attack reads of a release: its name and its tables. */
export type Published = Pick<Release, 'period' | 'version' | 'tables'>;

/** An unknown number's feasible interval over everything in the model (max is Infinity when unbounded). */
export interface Interval {
  id: string;
  min: number;
  max: number;
}

/** An interval's width: +Infinity when its maximum is unbounded, never NaN. */
export function width(i: Interval): number {
  return Number.isFinite(i.max) ? i.max - i.min : Number.POSITIVE_INFINITY;
}

/** Where a number sits among all releases: `2025-03 v2 notices.origin/LY`. */
export function qualified(release: Pick<Published, 'period' | 'version'>, id: string): string {
  return `${release.period} v${release.version} ${id}`;
}

// highs is CommonJS typed as an ES module: TypeScript reads its default import from here as the
// whole exports object, so it is required, as its loader function.
const loadHighs = createRequire(import.meta.url)('highs') as () => Promise<Highs>;
let highs: Promise<Highs> | undefined;

export function solver(): Promise<Highs> {
  highs ??= loadHighs();
  return highs;
}

export interface AttackOptions {
  /** The least value of an unknown number (qualified id): 0 unless said otherwise. */
  lowerBound: (id: string) => number;
  /**
   * How far a number (unqualified id) can have moved between a version of a period and the
   * next (`to`): the attacker told what changed in between (Infinity: not bounded). Undefined:
   * versions are not linked.
   */
  moved?: (period: string, to: number, id: string) => number;
}

const LEGS = ['origin', 'transit', 'destination'];
const KEYS_PRESENT = [...LEGS, 'nationality'];

/**
 * The attacker's model, written from the list of published relations (not from the
 * library's layout, which it tests): one variable per cell and total of every table of every
 * release given; each table's cells sum to its total; by type and by mode of a measure share
 * their total; a role's nationality and age tables total its cell of persons.role. And the
 * inequalities anyone can add: a route cell is at most its measure's total by type (N, M, D: a
 * notice names a country once per leg), a role's cell of nationality or age at most its cell of
 * persons.role. Published numbers are fixed; an unknown one is at least `lowerBound(id)`.
 *
 * With `moved`, the versions of a period are one model: a country or nationality listed in one
 * version is a variable of every version (0 where its table lists the keys present under a
 * published total; unknown, and an unlisted number to attack, where its table is suppressed
 * whole, whose known keys then sum to at most its total), and each number of a version is within
 * `moved` of the same number of the version before.
 */
export class AttackModel {
  private readonly names = new Map<string, string>();
  private readonly rows: string[] = [];
  private readonly bounds: string[] = [];
  /** The suppressed numbers the releases list. */
  readonly suppressed: string[] = [];
  /** Numbers the releases do not list but the attacker knows exist (keys seen in another version). */
  readonly unlisted: string[] = [];

  constructor(releases: readonly Published[], options: Partial<AttackOptions> = {}) {
    const lowerBound = options.lowerBound ?? (() => 0);
    const keysSeen = options.moved ? seenKeys(releases) : new Map<string, string[]>();
    for (const release of releases) {
      const v = (id: string): string => this.variable(qualified(release, id));
      const unknown = (id: string, into: string[]): void => {
        into.push(id);
        const lb = lowerBound(id);
        if (lb !== 0) this.bounds.push(` ${this.variable(id)} >= ${lb}`);
      };
      for (const table of release.tables) {
        for (const [key, number] of [...table.cells.map((c) => [c.key, c] as const), ['total', table.total] as const]) {
          const id = qualified(release, `${table.id}/${key}`);
          const name = this.variable(id);
          if (number.value !== null) this.bounds.push(` ${name} = ${number.value}`);
          else unknown(id, this.suppressed);
        }
        const listed = new Set(table.cells.map((c) => c.key));
        const others = (keysSeen.get(`${release.period} ${table.id}`) ?? []).filter((key) => !listed.has(key));
        // A table of the keys present lists none when suppressed whole (the library's tables with a
        // suppressed total); otherwise (a published total, or the control's tables) it lists every key present.
        const whole = table.total.value === null && table.cells.length === 0 && KEYS_PRESENT.includes(table.dimension);
        for (const key of others) {
          const id = qualified(release, `${table.id}/${key}`);
          if (whole) unknown(id, this.unlisted);
          else this.bounds.push(` ${this.variable(id)} = 0`);
        }
        const cells = [...table.cells.map((c) => c.key), ...others].map((key) => v(`${table.id}/${key}`));
        // A table suppressed whole lists none of its keys: those known sum to at most its total.
        this.relate(cells, [v(`${table.id}/total`)], whole ? '<=' : '=');
        if (table.dimension === 'mode') this.relate([v(`${table.measure}.mode/total`)], [v(`${table.measure}.type/total`)], '=');
        if (table.role !== undefined) this.relate([v(`${table.id}/total`)], [v(`persons.role/${table.role}`)], '=');
        const bound = LEGS.includes(table.dimension)
          ? `${table.measure}.type/total`
          : table.role !== undefined
            ? `persons.role/${table.role}`
            : undefined;
        if (bound !== undefined) for (const cell of cells) this.relate([cell], [v(bound)], '<=');
      }
    }
    if (options.moved) this.linkVersions(releases, options.moved);
  }

  /** Each number of a version within `moved` of the same number of the period's version before. */
  private linkVersions(releases: readonly Published[], moved: NonNullable<AttackOptions['moved']>): void {
    for (const release of releases) {
      const before = releases.find((r) => r.period === release.period && r.version === release.version - 1);
      if (!before) continue;
      const prefix = qualified(release, '');
      for (const [id, name] of this.names) {
        if (!id.startsWith(prefix)) continue;
        const bare = id.slice(prefix.length);
        const earlier = this.names.get(qualified(before, bare));
        if (earlier === undefined) continue;
        const most = moved(release.period, release.version, bare);
        if (!Number.isFinite(most)) continue;
        this.rows.push(` c${this.rows.length}: + ${name} - ${earlier} <= ${most}`);
        this.rows.push(` c${this.rows.length}: + ${name} - ${earlier} >= -${most}`);
      }
    }
  }

  private variable(id: string): string {
    let name = this.names.get(id);
    if (!name) {
      name = `x${this.names.size}`;
      this.names.set(id, name);
    }
    return name;
  }

  private relate(left: readonly string[], right: readonly string[], sense: '=' | '<='): void {
    const terms = [...left.map((x) => `+ ${x}`), ...right.map((x) => `- ${x}`)];
    this.rows.push(` c${this.rows.length}: ${terms.join(' ')} ${sense} 0`);
  }

  /** Every number to attack: the suppressed ones, then the unlisted ones. */
  get unknowns(): string[] {
    return [...this.suppressed, ...this.unlisted];
  }

  /** CPLEX LP text that minimises or maximises one number. */
  lp(sense: 'Minimize' | 'Maximize', id: string): string {
    const name = this.names.get(id);
    if (!name) throw new Error(`no number ${id} in the model`);
    return `${sense}\n obj: ${name}\nSubject To\n${this.rows.join('\n')}\nBounds\n${this.bounds.join('\n')}\nEnd\n`;
  }

  /** One number's interval from two fresh solves of the LP text (slower; a check on intervals()). */
  async interval(id: string): Promise<Interval> {
    const h = await solver();
    const bound = (sense: 'Minimize' | 'Maximize'): number => {
      const result = h.solve(this.lp(sense, id), {});
      if (result.Status === 'Optimal') return result.ObjectiveValue;
      if (sense === 'Maximize' && result.Status === 'Unbounded') return Number.POSITIVE_INFINITY;
      throw new Error(`${sense} ${id}: ${result.Status}`);
    };
    return { id, min: bound('Minimize'), max: bound('Maximize') };
  }

  /**
   * The interval of every unknown number: the model is read once, from its LP text, and
   * solved twice per number with only the objective changed (HiGHS starts from the last basis).
   */
  async intervals(): Promise<Interval[]> {
    const h = await solver();
    const unknowns = this.unknowns;
    const first = unknowns[0];
    if (first === undefined) return [];
    const model = h.createModel({ format: 'lp', data: this.lp('Minimize', first) });
    try {
      const { optimal, unbounded } = h.constants.modelStatus;
      let objective = model.getColByName(this.names.get(first)!);
      const bound = (id: string, sense: 'minimize' | 'maximize'): number => {
        model.changeObjectiveSense(h.constants.objectiveSense[sense]);
        const status = model.run().modelStatus;
        if (status === optimal) return model.getObjectiveValue();
        if (sense === 'maximize' && status === unbounded) return Number.POSITIVE_INFINITY;
        throw new Error(`${sense} ${id}: model status ${status}`);
      };
      return unknowns.map((id) => {
        const column = model.getColByName(this.names.get(id)!);
        model.changeColCost(objective, 0);
        model.changeColCost(column, 1);
        objective = column;
        return { id, min: bound(id, 'minimize'), max: bound(id, 'maximize') };
      });
    } finally {
      model.dispose();
    }
  }
}

/** The keys each table of a period lists in any of its versions (`<period> <table>`): the attacker keeps them all. */
function seenKeys(releases: readonly Published[]): Map<string, string[]> {
  const seen = new Map<string, Set<string>>();
  for (const release of releases) {
    for (const table of release.tables) {
      if (!KEYS_PRESENT.includes(table.dimension)) continue;
      const keys = seen.get(`${release.period} ${table.id}`) ?? new Set<string>();
      for (const cell of table.cells) keys.add(cell.key);
      seen.set(`${release.period} ${table.id}`, keys);
    }
  }
  return new Map([...seen].map(([table, keys]) => [table, [...keys].sort()]));
}
