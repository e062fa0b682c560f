import { isMap, isScalar, isSeq, type LineCounter, type Node, type YAMLMap } from 'yaml';
import type { ValueSet } from './policy-model.js';
import type { PolicyProblem, ProblemLocation } from './policy-errors.js';

/** Reads the YAML tree, recording each problem with its line, column and path. */
export class PolicyReader {
  readonly problems: PolicyProblem[] = [];
  constructor(private readonly lines: LineCounter) {}

  locate(node: Node | null | undefined, path: string): ProblemLocation {
    const { line, col } = this.lines.linePos(node?.range?.[0] ?? 0);
    return { line, column: col, path };
  }

  problem(node: Node | null | undefined, path: string, message: string): void {
    this.problems.push({ ...this.locate(node, path), message });
  }

  /** The entries of a mapping, refusing keys it does not know. */
  map(node: unknown, path: string, known: readonly string[]): Map<string, { node: Node; path: string }> | undefined {
    if (!isMap(node)) {
      this.problem(node as Node, path, 'expected a mapping (key: value lines)');
      return undefined;
    }
    const out = new Map<string, { node: Node; path: string }>();
    for (const pair of (node as YAMLMap).items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '';
      const at = path ? `${path}.${key}` : key;
      if (!known.includes(key)) this.problem(pair.key as Node, at, `unknown key "${key}"; expected one of ${known.join(', ')}`);
      else out.set(key, { node: pair.value as Node, path: at });
    }
    return out;
  }

  string(node: Node, path: string): string | undefined {
    if (isScalar(node) && typeof node.value === 'string' && node.value.trim() !== '') return node.value;
    this.problem(node, path, 'expected a non-empty text');
    return undefined;
  }

  boolean(node: Node, path: string): boolean | undefined {
    if (isScalar(node) && typeof node.value === 'boolean') return node.value;
    this.problem(node, path, 'expected true or false');
    return undefined;
  }

  /** A list of allowed values; each value checked by `valid`, which says what is expected. */
  list<T extends string>(node: Node, path: string, valid: (v: string) => boolean, expected: string): T[] | undefined {
    if (!isSeq(node)) {
      this.problem(node, path, `expected a list, e.g. [${expected.split(', ').slice(0, 2).join(', ')}]`);
      return undefined;
    }
    if (node.items.length === 0) {
      this.problem(node, path, 'an empty list matches nothing; remove the condition or name values');
      return undefined;
    }
    const out: T[] = [];
    node.items.forEach((item, i) => {
      const value = isScalar(item) ? String(item.value) : undefined;
      if (value === undefined || !valid(value))
        this.problem(item as Node, `${path}[${i}]`, `"${String(value ?? '?')}" is not one of ${expected}`);
      else out.push(value as T);
    });
    return out.length === node.items.length ? out : undefined;
  }

  /** `[a, b]` (any of) or `{ not: [a, b] }` (none of). */
  valueSet<T extends string>(node: Node, path: string, valid: (v: string) => boolean, expected: string): ValueSet<T> | undefined {
    if (isMap(node)) {
      const entries = this.map(node, path, ['not']);
      const not = entries?.get('not');
      if (!not) {
        if (entries) this.problem(node, path, 'expected a list, or { not: [...] }');
        return undefined;
      }
      const values = this.list<T>(not.node, not.path, valid, expected);
      return values && { values, negated: true };
    }
    const values = this.list<T>(node, path, valid, expected);
    return values && { values, negated: false };
  }
}
