import { isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import { CATEGORIES, isCategory, isCountryCode, type Category } from '../notice/index.js';
import { v1 } from '../proto/index.js';
import { isAgencyId, isRole, ROLES, type Role } from '../registry/index.js';
import { breachMessage, findInvariantBreaches } from './check-invariants.js';
import type { AgencyMatch, NoticeMatch, Policy, PolicyRule, RecipientMatch, RouteLeg } from './policy-model.js';
import { PolicyInvalidError, type PolicyProblem, type ProblemLocation } from './policy-errors.js';
import { PolicyReader } from './policy-reader.js';

const SCHEMA = 1;
const RULE_ID = /^[a-z0-9][a-z0-9.-]{0,63}$/;
const enumNames = (e: object): string[] => Object.keys(e).filter((k) => !k.endsWith('_UNSPECIFIED'));
const NOTICE_TYPES = enumNames(v1.NoticeType);
const TLPS = enumNames(v1.Tlp);
const MODES = enumNames(v1.Mode);
const CAVEATS = enumNames(v1.Caveat);
const LEGS: RouteLeg[] = ['origin', 'transit', 'destination'];

const anyText = (v: string): boolean => v.trim() !== '';

function readAgencyMatch(r: PolicyReader, entries: Map<string, { node: Node; path: string }>): AgencyMatch {
  const m: AgencyMatch = {};
  for (const [key, { node, path }] of entries) {
    if (key === 'id') {
      const s = r.valueSet(node, path, isAgencyId, 'agency ids');
      if (s) m.id = s;
    } else if (key === 'role') {
      const s = r.valueSet<Role>(node, path, isRole, ROLES.join(', '));
      if (s) m.role = s;
    } else if (key === 'country') {
      const s = r.valueSet(node, path, isCountryCode, 'ISO 3166-1 alpha-2 codes (IT, LY, ...)');
      if (s) m.country = s;
    } else if (key === 'groups') {
      const s = r.valueSet(node, path, anyText, 'sharing group names');
      if (s) m.groups = s;
    }
  }
  return m;
}

function readNoticeMatch(r: PolicyReader, node: Node, path: string): NoticeMatch | undefined {
  const keys = ['type', 'tlp', 'mode', 'withCaveats', 'withoutCaveats', 'routeCountries', 'addressees', 'issuer'];
  const entries = r.map(node, path, keys);
  if (!entries) return undefined;
  const m: NoticeMatch = {};
  const enumSet = (values: string[]) => (v: string) => values.includes(v);
  for (const [key, { node: n, path: p }] of entries) {
    switch (key) {
      case 'type': {
        const s = r.valueSet(n, p, enumSet(NOTICE_TYPES), NOTICE_TYPES.join(', '));
        if (s) m.type = s;
        break;
      }
      case 'tlp': {
        const s = r.valueSet(n, p, enumSet(TLPS), TLPS.join(', '));
        if (s) m.tlp = s;
        break;
      }
      case 'mode': {
        const s = r.valueSet(n, p, enumSet(MODES), MODES.join(', '));
        if (s) m.mode = s;
        break;
      }
      case 'withCaveats': {
        const l = r.list(n, p, enumSet(CAVEATS), CAVEATS.join(', '));
        if (l) m.withCaveats = l;
        break;
      }
      case 'withoutCaveats': {
        const l = r.list(n, p, enumSet(CAVEATS), CAVEATS.join(', '));
        if (l) m.withoutCaveats = l;
        break;
      }
      case 'routeCountries': {
        const s = r.valueSet(n, p, isCountryCode, 'ISO 3166-1 alpha-2 codes');
        if (s) m.routeCountries = s;
        break;
      }
      case 'addressees': {
        const s = r.valueSet(n, p, isAgencyId, 'agency ids');
        if (s) m.addressees = s;
        break;
      }
      case 'issuer': {
        const e = r.map(n, p, ['id', 'role', 'country', 'groups']);
        if (e) m.issuer = readAgencyMatch(r, e);
        break;
      }
    }
  }
  return m;
}

function readRecipientMatch(r: PolicyReader, node: Node, path: string): RecipientMatch | undefined {
  const own = ['onRoute', 'routeLeg', 'addressee', 'sharesGroupWithIssuer'];
  const entries = r.map(node, path, ['id', 'role', 'country', 'groups', ...own]);
  if (!entries) return undefined;
  const m: RecipientMatch = readAgencyMatch(r, entries);
  for (const [key, { node: n, path: p }] of entries) {
    if (key === 'routeLeg') {
      const l = r.list<RouteLeg>(n, p, (v) => (LEGS as string[]).includes(v), LEGS.join(', '));
      if (l) m.routeLeg = l;
    } else if (key === 'onRoute' || key === 'addressee' || key === 'sharesGroupWithIssuer') {
      const b = r.boolean(n, p);
      if (b !== undefined) m[key] = b;
    }
  }
  return m;
}

function readCategories(r: PolicyReader, node: Node, path: string, verb: string): Category[] {
  const list = r.list<Category>(node, path, isCategory, CATEGORIES.join(', ')) ?? [];
  if (list.includes('core')) r.problem(node, path, `core is part of every delivery; it cannot be ${verb}`);
  return list.filter((c) => c !== 'core');
}

/** A rule read, and where its grant is (an invariant's refusal points there). */
interface LocatedRule {
  rule: PolicyRule;
  grantAt: ProblemLocation;
}

function readRule(r: PolicyReader, node: Node, path: string, seen: Set<string>): LocatedRule | undefined {
  const entries = r.map(node, path, ['id', 'description', 'when', 'grant', 'deny', 'exclude']);
  if (!entries) return undefined;
  const idEntry = entries.get('id');
  if (!idEntry) {
    r.problem(node, path, 'a rule needs an id');
    return undefined;
  }
  const id = r.string(idEntry.node, idEntry.path) ?? '';
  if (id && !RULE_ID.test(id)) r.problem(idEntry.node, idEntry.path, `rule id "${id}" must be lower-case letters, digits, dots and dashes`);
  if (seen.has(id)) r.problem(idEntry.node, idEntry.path, `rule id "${id}" is used twice`);
  seen.add(id);
  const rule: PolicyRule = { id, grant: [], deny: [], exclude: false };
  const description = entries.get('description');
  if (description) {
    const d = r.string(description.node, description.path);
    if (d) rule.description = d;
  }
  const when = entries.get('when');
  if (when) {
    const w = r.map(when.node, when.path, ['notice', 'recipient']);
    const notice = w?.get('notice');
    const recipient = w?.get('recipient');
    const nm = notice && readNoticeMatch(r, notice.node, notice.path);
    const rm = recipient && readRecipientMatch(r, recipient.node, recipient.path);
    if (nm) rule.notice = nm;
    if (rm) rule.recipient = rm;
  }
  const grant = entries.get('grant');
  const deny = entries.get('deny');
  const exclude = entries.get('exclude');
  if (grant) rule.grant = readCategories(r, grant.node, grant.path, 'granted (it always is)');
  if (deny) rule.deny = readCategories(r, deny.node, deny.path, 'denied (exclude the recipient instead)');
  if (exclude) rule.exclude = r.boolean(exclude.node, exclude.path) ?? false;
  if (!grant && !deny && !exclude) r.problem(node, path, 'a rule must grant, deny or exclude something');
  return { rule, grantAt: grant ? r.locate(grant.node, grant.path) : r.locate(node, path) };
}

/**
 * Parses and validates a policy file. Every problem is reported, each with its line,
 * column and path, so a legal officer can fix them all at once; a policy whose rules
 * would break an engine invariant is refused, one problem per offending rule.
 */
export function parsePolicy(text: string, file = 'policy'): Policy {
  const { policy, invariantProblems } = parsePolicyForExplain(text, file);
  if (invariantProblems.length > 0) throw new PolicyInvalidError(file, invariantProblems);
  return policy;
}

/**
 * As parsePolicy, but a policy whose rules would break an engine invariant is returned
 * with those problems instead of refused: `policy explain` shows what the engine would
 * withhold from it. Every other problem still throws.
 */
export function parsePolicyForExplain(text: string, file = 'policy'): { policy: Policy; invariantProblems: PolicyProblem[] } {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: true, uniqueKeys: true });
  const r = new PolicyReader(lines);
  for (const error of doc.errors) {
    const at = error.linePos?.[0] ?? { line: 1, col: 1 };
    r.problems.push({ line: at.line, column: at.col, path: '', message: `YAML: ${error.message.split('\n')[0]}` });
  }
  if (r.problems.length > 0) throw new PolicyInvalidError(file, r.problems);

  const top = r.map(doc.contents, '', ['schema', 'policy', 'description', 'rules']);
  let name = '';
  const rules: LocatedRule[] = [];
  if (top) {
    const schema = top.get('schema');
    if (!schema || !isScalar(schema.node) || schema.node.value !== SCHEMA) {
      r.problem(schema?.node ?? (doc.contents as Node), 'schema', `expected "schema: ${SCHEMA}"`);
    }
    const named = top.get('policy');
    if (!named) r.problem(doc.contents as Node, 'policy', 'the policy needs a name ("policy: <name>")');
    else name = r.string(named.node, named.path) ?? '';
    if (name && !RULE_ID.test(name)) r.problem(named?.node, 'policy', 'the name must be lower-case letters, digits, dots and dashes');
    const list = top.get('rules');
    if (!list) r.problem(doc.contents as Node, 'rules', 'the policy has no rules');
    else if (!isSeq(list.node) || list.node.items.length === 0) r.problem(list.node, 'rules', 'expected a non-empty list of rules');
    else {
      const seen = new Set<string>();
      list.node.items.forEach((item, i) => {
        const rule = readRule(r, item as Node, `rules[${i}]`, seen);
        if (rule) rules.push(rule);
      });
    }
  }
  if (r.problems.length > 0) throw new PolicyInvalidError(file, r.problems);
  // Only once every rule reads cleanly: a rule that lost a bad condition would look wider.
  const policy: Policy = { name, rules: rules.map((l) => l.rule) };
  const at = (i: number): ProblemLocation => rules[i]?.grantAt ?? r.locate(undefined, 'rules');
  const invariantProblems = findInvariantBreaches(policy).map((b): PolicyProblem => ({
    ...at(b.ruleIndex),
    message: breachMessage(b),
    breaks: b.breaches.map(({ invariant, categories }) => ({ invariant, categories })),
  }));
  return { policy, invariantProblems };
}
