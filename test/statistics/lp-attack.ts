import { createRequire } from 'node:module';
import type { Highs } from 'highs';
import type { Release } from '../../libs/statistics/index.js';

/** What the attack reads of a release: its name and its tables. */
export type Published = Pick<Release, 'period' | 'version' | 'tables'>;

/** A suppressed number's feasible interval over everything published (max is Infinity when unbounded). */
export interface Interval {
  id: string;
  min: number;
  max: number;
}

/** Where a number sits among all releases: `2025-03 v2 notices.origin/LY`. */
export function qualified(release: Published, id: string): string {
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

/**
 * The attacker's model, written from the list of published relations (not from the
 * library's layout, which it tests): one variable per cell and total of every table of every
 * release given; each table's cells sum to its total; by type and by mode of a measure share
 * their total; a role's nationality and age tables total its cell of persons.role. Published
 * numbers are fixed; a suppressed one is at least `lowerBound(id)` (0 unless said otherwise).
 */
export class AttackModel {
  private readonly names = new Map<string, string>();
  private readonly rows: string[] = [];
  private readonly bounds: string[] = [];
  readonly suppressed: string[] = [];

  constructor(releases: readonly Published[], lowerBound: (id: string) => number = () => 0) {
    for (const release of releases) {
      const v = (id: string): string => this.variable(qualified(release, id));
      for (const table of release.tables) {
        for (const [key, number] of [...table.cells.map((c) => [c.key, c] as const), ['total', table.total] as const]) {
          const id = qualified(release, `${table.id}/${key}`);
          const name = this.variable(id);
          if (number.value !== null) this.bounds.push(` ${name} = ${number.value}`);
          else {
            this.suppressed.push(id);
            const lb = lowerBound(id);
            if (lb !== 0) this.bounds.push(` ${name} >= ${lb}`);
          }
        }
        const cells = table.cells.map((c) => v(`${table.id}/${c.key}`));
        this.equal(cells, [v(`${table.id}/total`)]);
        if (table.dimension === 'mode') this.equal([v(`${table.measure}.mode/total`)], [v(`${table.measure}.type/total`)]);
        if (table.role !== undefined) this.equal([v(`${table.id}/total`)], [v(`persons.role/${table.role}`)]);
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

  private equal(left: readonly string[], right: readonly string[]): void {
    const terms = [...left.map((x) => `+ ${x}`), ...right.map((x) => `- ${x}`)];
    this.rows.push(` c${this.rows.length}: ${terms.join(' ')} = 0`);
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
   * The interval of every suppressed number: the model is read once, from its LP text, and
   * solved twice per number with only the objective changed (HiGHS starts from the last basis).
   */
  async intervals(): Promise<Interval[]> {
    const h = await solver();
    const first = this.suppressed[0];
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
      return this.suppressed.map((id) => {
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
