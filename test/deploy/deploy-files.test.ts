/**
 * The deployment files (deploy/) checked against each other, against the settings table
 * (libs/settings/) and against the trust chain's files (libs/auth/, libs/context/), with
 * no server: every reference resolves, every variable is a setting of its service with a
 * value its reader accepts, every required one is set, every image pinned, every metric
 * real, and every nats-server runs in operator mode with no user of its own.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, posix, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { resolverConfig } from '../../libs/auth/index.js';
import { SERVICES, type ServiceName } from '../../libs/bus/index.js';
import { contextLayout, credsFileFor } from '../../libs/context/index.js';
import { ALL_SETTINGS, environmentProblems, parseSetting, settingsOf, type EnvironmentProblem, type Setting } from '../../libs/settings/index.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const read = (path: string): string => readFileSync(join(ROOT, path), 'utf8');
type Service = ServiceName;

// ---------------------------------------------------------------- narrowing helpers

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const obj = (v: unknown): Obj => (isObj(v) ? v : {});
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined);
const at = (v: unknown, ...path: string[]): unknown => path.reduce<unknown>((o, k) => obj(o)[k], v);

// ---------------------------------------------------------------- the settings table

const settingNamed = (name: string): Setting | undefined => ALL_SETTINGS.find((s) => s.name === name);
/** Variables whose value is the path of a file the service reads (a secret, a key, a CA). */
const isFileVariable = (name: string): boolean => settingNamed(name)?.kind === 'path';
const isSecretVariable = (name: string): boolean => settingNamed(name)?.secret === true;
const described = (where: string, problems: EnvironmentProblem[]): string[] => problems.map((p) => `${where}: ${p.message}`);

// ---------------------------------------------------------------- metrics

/** The metrics the services export (docs/operations.md and the brief), with the histogram's series. */
const METRICS = [
  'accord_submissions_received_total',
  'accord_submissions_accepted_total',
  'accord_submissions_quarantined_total',
  'accord_submissions_unquarantinable_total',
  'accord_deliveries_total',
  'accord_stage_duration_seconds',
  'accord_consumer_pending',
  'accord_redeliveries_total',
  'accord_audit_chain_height',
  'accord_audit_checkpoint_age_seconds',
  'up',
  'process_cpu_seconds_total',
];
const HISTOGRAM_SERIES = ['_bucket', '_sum', '_count'].map((s) => `accord_stage_duration_seconds${s}`);

// ---------------------------------------------------------------- Kubernetes

interface K8sDoc {
  file: string;
  doc: Obj;
}

function k8sDocuments(): { docs: K8sDoc[]; errors: string[] } {
  const dir = 'deploy/k8s';
  const files = readdirSync(join(ROOT, dir)).filter((f) => /\.ya?ml$/.test(f)).sort();
  const docs: K8sDoc[] = [];
  const errors: string[] = [];
  for (const file of files) {
    for (const d of parseAllDocuments(read(`${dir}/${file}`))) {
      errors.push(...d.errors.map((e) => `${file}: ${e.message}`));
      const value: unknown = d.toJS();
      if (value !== null && value !== undefined) docs.push({ file, doc: obj(value) });
    }
  }
  return { docs, errors };
}

const K8S = k8sDocuments();
const WORKLOAD_KINDS = ['Deployment', 'StatefulSet', 'DaemonSet', 'Job'];
const workloads = K8S.docs.filter((d) => WORKLOAD_KINDS.includes(str(d.doc.kind) ?? ''));
const nameOf = (d: K8sDoc): string => `${str(d.doc.kind)}/${str(at(d.doc, 'metadata', 'name'))}`;
const podSpec = (d: K8sDoc): Obj => obj(at(d.doc, 'spec', 'template', 'spec'));
const containersOf = (d: K8sDoc): Obj[] => [...arr(podSpec(d).initContainers), ...arr(podSpec(d).containers)].map(obj);

/** The service a container runs (`node dist/services/<service>/main.js`), if any. */
function serviceRunBy(command: unknown): Service | undefined {
  const line = Array.isArray(command) ? command.map((c) => str(c) ?? '').join(' ') : (str(command) ?? '');
  const found = /dist\/services\/([a-z]+)\/main\.js/.exec(line)?.[1];
  return SERVICES.find((s) => s === found);
}

function serviceContainers(): { workload: K8sDoc; container: Obj; service: Service }[] {
  return workloads.flatMap((workload) =>
    containersOf(workload).flatMap((container) => {
      const service = serviceRunBy([...arr(container.command), ...arr(container.args)]);
      return service ? [{ workload, container, service }] : [];
    }),
  );
}

const envOf = (container: Obj): Obj[] => arr(container.env).map(obj);
const envValue = (container: Obj, name: string): string | undefined => str(envOf(container).find((e) => e.name === name)?.value);

function declaredKeys(kind: 'Secret' | 'ConfigMap'): Map<string, Set<string>> {
  const declared = new Map<string, Set<string>>();
  for (const { doc } of K8S.docs.filter((d) => d.doc.kind === kind)) {
    const keys = [...Object.keys(obj(doc.data)), ...Object.keys(obj(doc.stringData)), ...Object.keys(obj(doc.binaryData))];
    declared.set(str(at(doc, 'metadata', 'name')) ?? '', new Set(keys));
  }
  return declared;
}

/** Every reference a workload makes to a Secret or ConfigMap: its name and the keys it uses. */
function references(kind: 'Secret' | 'ConfigMap'): { from: string; name: string; keys: string[] }[] {
  const refs: { from: string; name: string; keys: string[] }[] = [];
  const keyRef = kind === 'Secret' ? 'secretKeyRef' : 'configMapKeyRef';
  const envFromRef = kind === 'Secret' ? 'secretRef' : 'configMapRef';
  for (const w of workloads) {
    for (const c of containersOf(w)) {
      for (const e of envOf(c)) {
        const ref = at(e, 'valueFrom', keyRef);
        if (isObj(ref)) refs.push({ from: `${nameOf(w)} env ${str(e.name)}`, name: str(ref.name) ?? '', keys: [str(ref.key) ?? ''] });
      }
      for (const e of arr(c.envFrom).map(obj)) {
        const ref = e[envFromRef];
        if (isObj(ref)) refs.push({ from: `${nameOf(w)} envFrom`, name: str(ref.name) ?? '', keys: [] });
      }
    }
    const volumes = arr(podSpec(w).volumes).map(obj);
    const sources = [
      ...volumes.map((v) => ({ v, source: kind === 'Secret' ? obj(v.secret) : obj(v.configMap) })),
      ...volumes.flatMap((v) => arr(at(v, 'projected', 'sources')).map((s) => ({ v, source: obj(obj(s)[kind === 'Secret' ? 'secret' : 'configMap']) }))),
    ].filter(({ source }) => Object.keys(source).length > 0);
    for (const { v, source } of sources) {
      const name = str(kind === 'Secret' && source.secretName !== undefined ? source.secretName : source.name) ?? '';
      refs.push({ from: `${nameOf(w)} volume ${str(v.name)}`, name, keys: arr(source.items).map((i) => str(obj(i).key) ?? '') });
    }
  }
  return refs;
}

test('every Kubernetes and Compose YAML file parses without errors', () => {
  const composeErrors = parseAllDocuments(read('deploy/compose/docker-compose.yml')).flatMap((d) => d.errors.map((e) => e.message));
  expect([...K8S.errors, ...composeErrors]).toEqual([]);
  expect(K8S.docs.length).toBeGreaterThan(0);
});

test('every Kubernetes document has an apiVersion, a kind and a metadata.name', () => {
  const incomplete = K8S.docs
    .filter(({ doc }) => !str(doc.apiVersion) || !str(doc.kind) || !str(at(doc, 'metadata', 'name')))
    .map(({ file, doc }) => `${file}: ${JSON.stringify(doc).slice(0, 80)}`);
  expect(incomplete).toEqual([]);
});

/** A pinned image names a tag (not latest) or a digest. */
function isPinned(image: string | undefined): boolean {
  if (!image) return false;
  if (/@sha256:[0-9a-f]{64}$/.test(image)) return true;
  const tag = /:([^:/]+)$/.exec(image)?.[1];
  return tag !== undefined && tag !== 'latest';
}

test('every Kubernetes container image is set and pinned to a tag other than latest', () => {
  const containers = workloads.flatMap((w) => containersOf(w).map((c) => ({ where: `${nameOf(w)}/${str(c.name)}`, image: str(c.image) })));
  expect(containers.length).toBeGreaterThan(0);
  expect(containers.filter((c) => !isPinned(c.image))).toEqual([]);
});

test('Kubernetes runs exactly nats:2.10.27 and redis:7.0.15, the versions the tests run', () => {
  const images = new Set(workloads.flatMap((w) => containersOf(w).map((c) => str(c.image) ?? '')));
  expect([...images].filter((i) => /(^|\/)nats:/.test(i))).toEqual(['nats:2.10.27']);
  expect([...images].filter((i) => /(^|\/)redis:/.test(i))).toEqual(['redis:7.0.15']);
});

test("the services' image is accord at this package's version, in Kubernetes and Compose", () => {
  const version = str(obj(JSON.parse(read('package.json'))).version);
  const k8s = serviceContainers().map(({ container }) => str(container.image));
  const compose = composeAccordServices().map(({ definition }) => withDefaults(str(definition.image) ?? ''));
  expect(k8s.length).toBe(SERVICES.length);
  expect(compose.length).toBe(SERVICES.length);
  expect(new Set([...k8s, ...compose])).toEqual(new Set([`accord:${version}`]));
});

test('every port a Kubernetes probe uses is declared by its container', () => {
  const problems: string[] = [];
  let probes = 0;
  for (const w of workloads) {
    for (const c of containersOf(w)) {
      const ports = arr(c.ports).map(obj);
      const names = new Set(ports.map((p) => str(p.name)));
      const numbers = new Set(ports.map((p) => str(p.containerPort)));
      for (const kind of ['livenessProbe', 'readinessProbe', 'startupProbe']) {
        const probe = obj(c[kind]);
        for (const handler of ['httpGet', 'tcpSocket', 'grpc']) {
          const port = at(probe, handler, 'port');
          if (port === undefined) continue;
          probes += 1;
          const declared = typeof port === 'number' ? numbers.has(String(port)) : names.has(str(port));
          if (!declared) problems.push(`${nameOf(w)}/${str(c.name)} ${kind} port ${str(port) ?? JSON.stringify(port)}`);
        }
      }
    }
  }
  expect(probes).toBeGreaterThan(0);
  expect(problems).toEqual([]);
});

test.each(['Secret', 'ConfigMap'] as const)('every %s a workload references is declared, with every key it uses', (kind) => {
  const declared = declaredKeys(kind);
  const refs = references(kind);
  expect(refs.length).toBeGreaterThan(0);
  const missing = refs.flatMap((r) => {
    const keys = declared.get(r.name);
    if (!keys) return [`${r.from}: no ${kind} ${r.name}`];
    return r.keys.filter((k) => !keys.has(k)).map((k) => `${r.from}: ${kind} ${r.name} has no key ${k}`);
  });
  expect(missing).toEqual([]);
});

test('every volume a container mounts is declared by its pod or its claim templates', () => {
  const missing = workloads.flatMap((w) => {
    const declared = new Set([
      ...arr(podSpec(w).volumes).map((v) => str(obj(v).name)),
      ...arr(at(w.doc, 'spec', 'volumeClaimTemplates')).map((t) => str(at(t, 'metadata', 'name'))),
    ]);
    return containersOf(w).flatMap((c) =>
      arr(c.volumeMounts)
        .map((m) => str(obj(m).name))
        .filter((name) => !declared.has(name))
        .map((name) => `${nameOf(w)}/${str(c.name)} mounts ${name}`),
    );
  });
  expect(workloads.flatMap(containersOf).flatMap((c) => arr(c.volumeMounts)).length).toBeGreaterThan(0);
  expect(missing).toEqual([]);
});

test('the Secrets in the manifests are empty placeholders, never real keys', () => {
  const secrets = K8S.docs.filter((d) => d.doc.kind === 'Secret');
  expect(secrets.length).toBeGreaterThan(0);
  const filled = secrets.flatMap(({ doc }) => [
    ...Object.keys(obj(doc.data)).map((k) => `${str(at(doc, 'metadata', 'name'))}: data.${k}`),
    ...Object.entries(obj(doc.stringData))
      .filter(([, v]) => v !== '')
      .map(([k]) => `${str(at(doc, 'metadata', 'name'))}: stringData.${k}`),
  ]);
  expect(filled).toEqual([]);
});

/** The instances each service runs by default: two share the work or stand by; statistics needs one (a second is safe). */
const REPLICAS: Record<Service, number> = { ingest: 2, routing: 2, redaction: 2, audit: 2, statistics: 1 };

test('one Deployment runs each service, with the replicas the design calls for, and NATS runs 3 nodes', () => {
  const replicas = Object.fromEntries(serviceContainers().map(({ workload, service }) => [service, at(workload.doc, 'spec', 'replicas')]));
  expect(replicas).toEqual(REPLICAS);
  expect(serviceContainers().every(({ workload }) => workload.doc.kind === 'Deployment')).toBe(true);
  const nats = workloads.filter((w) => containersOf(w).some((c) => str(c.image)?.startsWith('nats:')));
  expect(nats.map((w) => [w.doc.kind, at(w.doc, 'spec', 'replicas')])).toEqual([['StatefulSet', 3]]);
});

const configMapData = new Map(
  K8S.docs.filter((d) => d.doc.kind === 'ConfigMap').map(({ doc }) => [str(at(doc, 'metadata', 'name')), obj(doc.data)]),
);

/** A container's variables and their values: from a ConfigMap resolved, from a Secret unknown here (undefined). */
function containerEnvironment(container: Obj): Map<string, string | undefined> {
  return new Map(
    envOf(container).map((e) => {
      const fromMap = at(e, 'valueFrom', 'configMapKeyRef');
      const value = isObj(fromMap) ? str(obj(configMapData.get(str(fromMap.name)))[str(fromMap.key) ?? '']) : str(e.value);
      return [str(e.name) ?? '', value];
    }),
  );
}

test('each service Deployment sets its own settings only, each valid, and every one its service requires', () => {
  expect(serviceContainers().map(({ service }) => service).sort()).toEqual([...SERVICES].sort());
  const problems = serviceContainers().flatMap(({ container, service }) =>
    described(`k8s ${service}`, environmentProblems(service, containerEnvironment(container))),
  );
  expect(problems).toEqual([]);
});

test('each service Deployment takes a setting that holds a secret from a Secret, never as a value', () => {
  const secretEntries = serviceContainers().flatMap(({ container, service }) =>
    envOf(container)
      .filter((e) => isSecretVariable(str(e.name) ?? ''))
      .map((e) => ({ service, name: str(e.name), fromSecret: isObj(at(e, 'valueFrom', 'secretKeyRef')) })),
  );
  expect(secretEntries.length).toBeGreaterThan(0);
  expect(secretEntries.filter((e) => !e.fromSecret)).toEqual([]);
});

test("each service Deployment's secret-file variables name a file of a volume it mounts", () => {
  const problems: string[] = [];
  let checked = 0;
  for (const { workload, container, service } of serviceContainers()) {
    const volumes = new Map(arr(podSpec(workload).volumes).map((v) => [str(obj(v).name), obj(v)]));
    for (const e of envOf(container).filter((e) => isFileVariable(str(e.name) ?? ''))) {
      checked += 1;
      const path = str(e.value) ?? '';
      const mount = arr(container.volumeMounts)
        .map(obj)
        .find((m) => path.startsWith(`${str(m.mountPath)}/`));
      const volume = volumes.get(str(mount?.name));
      const source = obj(volume?.secret ?? volume?.configMap);
      const items = arr(source.items).map((i) => str(obj(i).path));
      const file = path.slice((str(mount?.mountPath) ?? '').length + 1);
      if (!mount || !volume) problems.push(`${service}: ${str(e.name)}=${path} is in no mounted volume`);
      else if (items.length > 0 && !items.includes(file)) problems.push(`${service}: ${str(e.name)}=${path}: volume ${str(mount.name)} has no ${file}`);
    }
  }
  expect(checked).toBeGreaterThan(0);
  expect(problems).toEqual([]);
});

test('each service Deployment probes /healthz and /readyz on the port named http, which is its ACCORD_HTTP_PORT', () => {
  const probes = serviceContainers().map(({ container, service }) => {
    const http = arr(container.ports).map(obj).find((p) => p.name === 'http');
    return {
      service,
      liveness: [at(container, 'livenessProbe', 'httpGet', 'path'), at(container, 'livenessProbe', 'httpGet', 'port')],
      readiness: [at(container, 'readinessProbe', 'httpGet', 'path'), at(container, 'readinessProbe', 'httpGet', 'port')],
      portIsHttpPort: str(http?.containerPort) !== undefined && str(http?.containerPort) === envValue(container, 'ACCORD_HTTP_PORT'),
      host: envValue(container, 'ACCORD_HTTP_HOST'),
    };
  });
  expect(probes).toEqual(
    SERVICES.map((service) => ({ service, liveness: ['/healthz', 'http'], readiness: ['/readyz', 'http'], portIsHttpPort: true, host: '0.0.0.0' })),
  );
});

test('each service pod carries Prometheus scrape annotations for its http port', () => {
  const annotations = serviceContainers().map(({ workload, container, service }) => {
    const a = obj(at(workload.doc, 'spec', 'template', 'metadata', 'annotations'));
    return { service, scrape: a['prometheus.io/scrape'], port: a['prometheus.io/port'] === envValue(container, 'ACCORD_HTTP_PORT'), path: a['prometheus.io/path'] };
  });
  expect(annotations).toEqual(SERVICES.map((service) => ({ service, scrape: 'true', port: true, path: '/metrics' })));
});

test('every container runs as non-root with a read-only root file system, and with resource requests and limits', () => {
  const problems = workloads.flatMap((w) =>
    containersOf(w).flatMap((c) => {
      const where = `${nameOf(w)}/${str(c.name)}`;
      const pod = obj(podSpec(w).securityContext);
      const own = obj(c.securityContext);
      const found: string[] = [];
      if ((own.runAsNonRoot ?? pod.runAsNonRoot) !== true) found.push(`${where}: runAsNonRoot`);
      if (own.readOnlyRootFilesystem !== true) found.push(`${where}: readOnlyRootFilesystem`);
      for (const bound of ['requests', 'limits']) {
        for (const resource of ['cpu', 'memory']) {
          if (str(at(c, 'resources', bound, resource)) === undefined) found.push(`${where}: resources.${bound}.${resource}`);
        }
      }
      return found;
    }),
  );
  expect(workloads.length).toBeGreaterThan(0);
  expect(problems).toEqual([]);
});

// ---------------------------------------------------------------- Compose

const COMPOSE_TEXT = read('deploy/compose/docker-compose.yml');
const COMPOSE = obj(parse(COMPOSE_TEXT, { merge: true }));
const composeServices = Object.entries(obj(COMPOSE.services)).map(([name, definition]) => ({ name, definition: obj(definition) }));

/** `${VAR:-default}` and `${VAR-default}` as Compose resolves them with VAR unset. */
const withDefaults = (value: string): string => value.replace(/\$\{[A-Z0-9_]+:?-([^}]*)\}/g, '$1');

function composeAccordServices(): { name: string; definition: Obj; service: Service }[] {
  return composeServices.flatMap(({ name, definition }) => {
    const service = serviceRunBy(definition.command);
    return service ? [{ name, definition, service }] : [];
  });
}

/**
 * What a Compose service's environment sets (interpolations resolved to their defaults),
 * plus variables its command assigns (`export X="…"`, unquoted).
 */
function composeVariables(definition: Obj): Map<string, string> {
  const env = definition.environment;
  const pairs: [string, string][] = Array.isArray(env)
    ? env.map((e) => String(e).split('=')).map(([k = '', ...v]) => [k, v.join('=')])
    : Object.entries(obj(env)).map(([k, v]) => [k, str(v) ?? '']);
  const command = arr(definition.command).map((c) => str(c) ?? '').join(' ') || (str(definition.command) ?? '');
  for (const m of command.matchAll(/\b(ACCORD_[A-Z0-9_]+)=("[^"]*"|\S*)/g)) pairs.push([m[1] ?? '', (m[2] ?? '').replace(/^"(.*)"$/, '$1')]);
  return new Map(pairs.map(([k, v]) => [k, withDefaults(v)]));
}

test('every Compose service has an image pinned to a tag other than latest', () => {
  const images = composeServices.map(({ name, definition }) => ({ name, image: withDefaults(str(definition.image) ?? '') }));
  expect(images.length).toBeGreaterThan(SERVICES.length);
  expect(images.filter((i) => !isPinned(i.image))).toEqual([]);
});

test('Compose runs exactly nats:2.10.27 and redis:7.0.15, the versions the tests run', () => {
  const images = composeServices.map(({ definition }) => withDefaults(str(definition.image) ?? ''));
  expect(images.filter((i) => /(^|\/)nats:/.test(i))).toEqual(['nats:2.10.27']);
  expect(images.filter((i) => /(^|\/)redis:/.test(i))).toEqual(['redis:7.0.15']);
});

test('every secret a Compose service uses is declared at the top level', () => {
  const declared = new Set(Object.keys(obj(COMPOSE.secrets)));
  const used = composeServices.flatMap(({ name, definition }) =>
    arr(definition.secrets).map((s) => ({ name, secret: str(s) ?? str(obj(s).source) ?? '' })),
  );
  expect(used.length).toBeGreaterThan(0);
  expect(used.filter((u) => !declared.has(u.secret))).toEqual([]);
});

test('every Compose interpolation has a default or is documented in the Compose README', () => {
  const readme = read('deploy/compose/README.md');
  // Comments are not interpolated; `$$` is a literal dollar for the container's shell.
  const values = COMPOSE_TEXT.replace(/^\s*#.*$/gm, '').replace(/\$\$/g, '');
  const interpolations = [...values.matchAll(/\$\{([A-Za-z0-9_]+)([^}]*)\}/g)].map((m) => ({ name: m[1] ?? '', rest: m[2] ?? '' }));
  expect(interpolations.length).toBeGreaterThan(0);
  const bare = values.match(/\$[A-Za-z_][A-Za-z0-9_]*/g) ?? [];
  expect(bare).toEqual([]);
  const unexplained = interpolations.filter(({ name, rest }) => !/^:?-/.test(rest) && !readme.includes(`\`${name}\``)).map((i) => i.name);
  expect(unexplained).toEqual([]);
});

/** A value its container's shell computes when it starts (`$$(cat /run/secrets/…)`) is not known here. */
const composeEnvironment = (definition: Obj): Map<string, string | undefined> =>
  new Map([...composeVariables(definition)].map(([name, value]) => [name, value.includes('$') ? undefined : value]));

test('each Compose service sets its own settings only, each valid, and every one its service requires', () => {
  const services = composeAccordServices();
  expect(services.map((s) => s.service).sort()).toEqual([...SERVICES].sort());
  const problems = services.flatMap(({ service, definition }) =>
    described(`compose ${service}`, environmentProblems(service, composeEnvironment(definition))),
  );
  expect(problems).toEqual([]);
});

test('each Compose service computes a setting that holds a secret from a secret it mounts, when it starts', () => {
  const secretValues = composeAccordServices().flatMap(({ service, definition }) => {
    const mounted = new Set(arr(definition.secrets).map((s) => str(s) ?? str(obj(s).source)));
    return [...composeVariables(definition)]
      .filter(([name]) => isSecretVariable(name))
      .map(([name, value]) => {
        const secret = /\$\$\(cat \/run\/secrets\/([A-Za-z0-9_.-]+)\)/.exec(value)?.[1];
        return { service, name, fromMountedSecret: secret !== undefined && mounted.has(secret) };
      });
  });
  expect(secretValues.length).toBeGreaterThan(0);
  expect(secretValues.filter((v) => !v.fromMountedSecret)).toEqual([]);
});

test("each Compose service's secret-file variables name secrets it mounts", () => {
  const problems: string[] = [];
  let checked = 0;
  for (const { service, definition } of composeAccordServices()) {
    const mounted = new Set(arr(definition.secrets).map((s) => str(s) ?? str(obj(s).source)));
    for (const [name, value] of composeVariables(definition)) {
      if (!isFileVariable(name)) continue;
      checked += 1;
      const secret = /^\/run\/secrets\/([A-Za-z0-9_.-]+)$/.exec(value)?.[1];
      if (!secret || !mounted.has(secret)) problems.push(`${service}: ${name}=${value}`);
    }
  }
  expect(checked).toBeGreaterThan(0);
  expect(problems).toEqual([]);
});

test('each Compose service has a health check on /readyz at its ACCORD_HTTP_PORT', () => {
  const checks = composeAccordServices().map(({ service, definition }) => {
    const port = composeVariables(definition).get('ACCORD_HTTP_PORT');
    const check = arr(at(definition, 'healthcheck', 'test')).map(String).join(' ');
    return { service, checksReadyz: port !== undefined && check.includes(`:${port}/readyz`) };
  });
  expect(checks).toEqual(composeAccordServices().map(({ service }) => ({ service, checksReadyz: true })));
});

// ---------------------------------------------------------------- Grafana

const DASHBOARD = obj(JSON.parse(read('deploy/grafana/accord-dashboard.json')));
const panels = (): Obj[] => arr(DASHBOARD.panels).flatMap((p) => [obj(p), ...arr(obj(p).panels).map(obj)]);
const queries = (): string[] => panels().flatMap((p) => arr(p.targets).map((t) => str(obj(t).expr) ?? ''));

/** The metric names a PromQL expression reads: identifiers that are not functions, keywords or labels. */
function metricsIn(expr: string): string[] {
  const stripped = expr
    .replace(/"(?:[^"\\]|\\.)*"/g, '""')
    .replace(/\{[^}]*\}/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ' ');
  const keywords = new Set(['by', 'without', 'on', 'ignoring', 'group_left', 'group_right', 'bool', 'and', 'or', 'unless', 'offset']);
  // Not after a digit or a dot: the unit of a duration (1h), the exponent of a number.
  return [...stripped.matchAll(/(?<![\w.])([a-zA-Z_:][a-zA-Z0-9_:]*)(\s*\()?/g)].filter((m) => !m[2] && !keywords.has(m[1] ?? '')).map((m) => m[1] ?? '');
}

test('the dashboard is schemaVersion 39 and every panel queries the ${DS_PROMETHEUS} data source', () => {
  const inputs = arr(DASHBOARD.__inputs).map((i) => [str(obj(i).name), str(obj(i).pluginId)]);
  const sources = panels()
    .filter((p) => p.type !== 'row')
    .map((p) => str(at(p, 'datasource', 'uid')));
  expect(DASHBOARD.schemaVersion).toBe(39);
  expect(inputs).toContainEqual(['DS_PROMETHEUS', 'prometheus']);
  expect(sources.length).toBeGreaterThan(0);
  expect(new Set(sources)).toEqual(new Set(['${DS_PROMETHEUS}']));
});

test('every metric the dashboard queries is one the services export', () => {
  const known = new Set([...METRICS, ...HISTOGRAM_SERIES]);
  const used = queries().flatMap(metricsIn);
  expect(used.length).toBeGreaterThan(0);
  expect([...new Set(used)].filter((m) => !known.has(m))).toEqual([]);
});

test('the dashboard charts every metric the services export, stage latency by histogram_quantile', () => {
  const used = new Set(queries().flatMap(metricsIn).map((m) => (HISTOGRAM_SERIES.includes(m) ? 'accord_stage_duration_seconds' : m)));
  expect(METRICS.filter((m) => !used.has(m))).toEqual([]);
  expect(queries().some((q) => /histogram_quantile\([^,]+,.*accord_stage_duration_seconds_bucket/.test(q))).toBe(true);
});

test('the metric extraction finds names and ignores functions, labels and ranges', () => {
  expect(metricsIn('histogram_quantile(0.95, sum by (le, stage) (rate(accord_stage_duration_seconds_bucket{job=~"$job"}[5m])))')).toEqual([
    'accord_stage_duration_seconds_bucket',
  ]);
  expect(metricsIn('sum(rate(a_total[1m])) / sum(b_total offset 1h)')).toEqual(['a_total', 'b_total']);
});

// ---------------------------------------------------------------- systemd

const UNITS = SERVICES.map((service) => ({ service, file: `deploy/systemd/accord-${service}.service` }));

/** A unit's settings: every value of each key, in order. */
function unitSettings(file: string): Map<string, string[]> {
  const settings = new Map<string, string[]>();
  for (const line of read(file).split('\n')) {
    const m = /^([A-Za-z]+)=(.*)$/.exec(line.trim());
    if (m) settings.set(m[1] ?? '', [...(settings.get(m[1] ?? '') ?? []), m[2] ?? '']);
  }
  return settings;
}

const unitEnvironment = (settings: Map<string, string[]>): Map<string, string> =>
  new Map((settings.get('Environment') ?? []).map((e) => e.split('=')).map(([k = '', ...v]) => [k, v.join('=')]));

test('every systemd unit starts its service with ExecStart and restarts it on failure', () => {
  const units = UNITS.map(({ service, file }) => {
    const s = unitSettings(file);
    return { service, runs: serviceRunBy(s.get('ExecStart')?.[0]), restart: s.get('Restart') };
  });
  expect(units).toEqual(SERVICES.map((service) => ({ service, runs: service, restart: ['on-failure'] })));
});

test('the systemd units give each service its own ACCORD_HTTP_PORT, from 9464 in the order of SERVICES', () => {
  const ports = UNITS.map(({ file }) => unitEnvironment(unitSettings(file)).get('ACCORD_HTTP_PORT'));
  expect(ports).toEqual(SERVICES.map((_, i) => String(9464 + i)));
  expect(new Set(ports).size).toBe(UNITS.length);
});

test('every systemd unit waits longer than the 20 s drain before killing its service', () => {
  const seconds = UNITS.map(({ file }) => {
    const value = unitSettings(file).get('TimeoutStopSec')?.[0] ?? '';
    const m = /^(\d+)(s|min)?$/.exec(value);
    return m ? Number(m[1]) * (m[2] === 'min' ? 60 : 1) : 0;
  });
  expect(seconds.filter((s) => s <= 20)).toEqual([]);
});

/** deploy/accord.env.example, which becomes /etc/accord/accord.env: each setting, set or shown commented out. */
const EXAMPLE = [...read('deploy/accord.env.example').matchAll(/^(# ?)?(ACCORD_[A-Z0-9_]+)=(.*)$/gm)].map((m) => ({
  name: m[2] ?? '',
  value: m[3] ?? '',
  commented: m[1] !== undefined,
}));

test('the example environment file shows only settings, each valid; one left commented out with a default shows that default', () => {
  expect(EXAMPLE.length).toBeGreaterThan(0);
  const problems = EXAMPLE.flatMap(({ name, value, commented }) => {
    const setting = settingNamed(name);
    if (!setting) return [`${name} is not a setting`];
    try {
      const parsed = parseSetting(setting, value);
      if (commented && 'default' in setting && parsed !== setting.default) return [`${name}=${value} is shown as the default, which is ${setting.default}`];
    } catch (error) {
      return [String(error)];
    }
    return [];
  });
  expect(problems).toEqual([]);
});

test('the example environment file, shared by every service, sets only settings every service reads', () => {
  const set = EXAMPLE.filter((e) => !e.commented);
  expect(set.length).toBeGreaterThan(0);
  expect(set.filter(({ name }) => !SERVICES.every((service) => settingsOf(service).some((s) => s.name === name))).map((e) => e.name)).toEqual([]);
});

test('the systemd units set their own settings only, each valid, and with the shared file every required one', () => {
  const shared = EXAMPLE.filter((e) => !e.commented).map(({ name, value }) => [name, value] as const);
  // Those shown commented out go in the file of the service that reads them (ingest.env: the Redis URL), as the example says.
  const ownFile = new Set(EXAMPLE.filter((e) => e.commented).map((e) => e.name));
  const problems = UNITS.flatMap(({ service, file }) => {
    const env = new Map<string, string | undefined>([...shared, ...unitEnvironment(unitSettings(file))]);
    const found = environmentProblems(service, env).filter((p) => !(p.kind === 'missing' && ownFile.has(p.name)));
    return described(file, found);
  });
  expect(problems).toEqual([]);
});

test('no systemd unit writes a setting that holds a secret into its own Environment= lines', () => {
  const written = UNITS.flatMap(({ file }) => [...unitEnvironment(unitSettings(file)).keys()].filter(isSecretVariable).map((name) => `${file}: ${name}`));
  expect(ALL_SETTINGS.some((s) => s.secret)).toBe(true);
  expect(written).toEqual([]);
});

// ---------------------------------------------------------------- NATS: operator mode

/** The variable the resolver.conf of `accord deployment keys` reads each server's resolver directory from. */
const RESOLVER_DIR_VARIABLE = /^\s*dir: \$([A-Z][A-Z0-9_]*)$/m.exec(resolverConfig({ operatorJwt: 'J', systemAccount: 'A', systemAccountJwt: 'S' }))?.[1];

/** A nats-server configuration without its comments. */
const withoutComments = (conf: string): string => conf.replace(/(^|\s)#.*$/gm, '$1');

const natsWorkloads = workloads.filter((w) => containersOf(w).some((c) => str(c.image)?.startsWith('nats:')));
const natsContainers = natsWorkloads.flatMap((w) => containersOf(w).filter((c) => str(c.image)?.startsWith('nats:')).map((c) => ({ w, c })));
const configArg = (args: unknown): string | undefined => {
  const list = arr(args).map((a) => str(a) ?? '');
  const i = list.indexOf('--config');
  return i >= 0 ? list[i + 1] : undefined;
};

/** The files a pod volume holds (item paths) and, for each, the ConfigMap or Secret and key it comes from. */
function volumeFiles(volume: Obj): { path: string; kind: 'configMap' | 'secret'; name: string; key: string }[] {
  const sources = [volume, ...arr(at(volume, 'projected', 'sources')).map(obj)];
  return sources.flatMap((source) =>
    (['configMap', 'secret'] as const).flatMap((kind) => {
      const s = obj(source[kind]);
      const name = str(kind === 'secret' ? (s.secretName ?? s.name) : s.name);
      if (!name) return [];
      return arr(s.items).map((i) => ({ path: str(obj(i).path) ?? '', kind, name, key: str(obj(i).key) ?? '' }));
    }),
  );
}

const K8S_NATS_CONF = str(obj(configMapData.get('accord-nats-config'))['nats.conf']) ?? '';
const COMPOSE_NATS_CONF = read('deploy/compose/nats-server.conf');

test('resolver.conf reads its directory from the environment, and every way of running nats-server sets that variable', () => {
  expect(RESOLVER_DIR_VARIABLE).toBeDefined();
  const variable = RESOLVER_DIR_VARIABLE ?? '';
  expect(natsContainers.length).toBeGreaterThan(0);
  const k8s = natsContainers.map(({ c }) => str(envOf(c).find((e) => e.name === variable)?.value));
  const nats = obj(obj(COMPOSE.services).nats);
  const compose = str(obj(nats.environment)[variable]);
  expect(k8s.every((v) => v?.startsWith('/'))).toBe(true);
  expect(compose?.startsWith('/')).toBe(true);
  // Where nats-server runs outside a container, its unit must set it: the READMEs say how.
  for (const readme of ['deploy/cluster/README.md', 'deploy/systemd/README.md']) expect(read(readme)).toContain(`${variable}=/`);
});

test.each([
  ['Kubernetes (ConfigMap accord-nats-config)', K8S_NATS_CONF],
  ['Compose (deploy/compose/nats-server.conf)', COMPOSE_NATS_CONF],
])('the nats-server configuration of %s names no user and takes its trust from resolver.conf', (_, conf) => {
  const body = withoutComments(conf);
  expect(body).toMatch(/^\s*include\s+(\.\/)?resolver\.conf\s*$/m);
  expect(body).toMatch(/^\s*jetstream\s*\{/m);
  expect(body).toMatch(/^\s*tls\s*\{/m);
  // Users, accounts and the operator live in resolver.conf and in the pushed account JWT only.
  expect(body).not.toMatch(/\bauthorization\s*\{|\baccounts\s*\{|\busers\s*[:=]|\bnkey\s*[:=]|\bpassword\s*[:=]|\bno_auth_user\b/);
  expect(body).not.toMatch(/^\s*(operator|system_account|resolver|resolver_preload)\s*[:={]/m);
});

test('each Kubernetes nats-server reads resolver.conf beside its nats.conf, from a ConfigMap of its own', () => {
  const problems: string[] = [];
  for (const { w, c } of natsContainers) {
    const config = configArg(c.args) ?? configArg(c.command) ?? '';
    const mount = arr(c.volumeMounts)
      .map(obj)
      .find((m) => str(m.mountPath) === posix.dirname(config));
    const volume = arr(podSpec(w).volumes)
      .map(obj)
      .find((v) => str(v.name) === str(mount?.name));
    const files = volumeFiles(volume ?? {});
    const conf = files.find((f) => f.path === posix.basename(config));
    const trust = files.find((f) => f.path === 'resolver.conf');
    if (!conf) problems.push(`${nameOf(w)}: ${config} is in no mounted ConfigMap`);
    if (!trust) problems.push(`${nameOf(w)}: no resolver.conf beside ${config}`);
    else if (trust.kind !== 'configMap' || trust.name === conf?.name) {
      problems.push(`${nameOf(w)}: resolver.conf must be a ConfigMap of its own (created from KEYDIR/resolver.conf), not ${trust.kind} ${trust.name}`);
    }
  }
  expect(natsContainers.length).toBe(1);
  expect(problems).toEqual([]);
});

test('the placeholder resolver.conf in the manifests fails closed: its operator is no JWT, so nats-server refuses to start', () => {
  const trustMaps = natsContainers.flatMap(({ w }) =>
    arr(podSpec(w).volumes)
      .map(obj)
      .flatMap(volumeFiles)
      .filter((f) => f.path === 'resolver.conf'),
  );
  expect(trustMaps.length).toBe(1);
  const placeholder = str(obj(configMapData.get(trustMaps[0]?.name))[trustMaps[0]?.key ?? '']) ?? '';
  const operatorOf = (conf: string): string | undefined => /^\s*operator:\s*"([^"]*)"/m.exec(withoutComments(conf))?.[1];
  // What `accord deployment keys` writes has the same shape, with a JWT (base64url of `{"typ":"JWT"...`).
  const real = resolverConfig({ operatorJwt: 'eyJ0eXAiOiJKV1QifQ.e30.sig', systemAccount: 'ASYS', systemAccountJwt: 'eyJ0eXAiOiJKV1QifQ.e30.sig' });
  expect(operatorOf(real)).toMatch(/^eyJ/);
  expect(operatorOf(placeholder)).toBeDefined();
  expect(operatorOf(placeholder)).not.toMatch(/^eyJ/);
  // And it opens nothing: no resolver, no preloaded account, no users.
  const keys = withoutComments(placeholder).replace(/"(?:[^"\\]|\\.)*"/g, '""');
  expect(keys).not.toMatch(/\bresolver\b|\bresolver_preload\b|\bauthorization\b|\baccounts\b|\busers\b/);
});

test('each Kubernetes nats-server keeps its resolver directory on its persistent volume', () => {
  const variable = RESOLVER_DIR_VARIABLE ?? '';
  const placed = natsContainers.map(({ w, c }) => {
    const dir = str(envOf(c).find((e) => e.name === variable)?.value) ?? '';
    const claims = new Set(arr(at(w.doc, 'spec', 'volumeClaimTemplates')).map((t) => str(at(t, 'metadata', 'name'))));
    const mount = arr(c.volumeMounts)
      .map(obj)
      .find((m) => dir.startsWith(`${str(m.mountPath)}/`));
    return { workload: nameOf(w), onClaim: claims.has(str(mount?.name)) };
  });
  expect(placed.length).toBeGreaterThan(0);
  expect(placed.filter((p) => !p.onClaim)).toEqual([]);
});

test('Compose mounts resolver.conf beside the nats-server configuration and keeps the resolver directory on a named volume', () => {
  const nats = obj(obj(COMPOSE.services).nats);
  const config = configArg(nats.command) ?? '';
  // `SOURCE:TARGET[:ro]`, with interpolations resolved to their defaults or left as `${VAR}`.
  const mounts = arr(nats.volumes).map((v) => {
    const [source = '', target = ''] = withDefaults(str(v) ?? '')
      .replace(/\$\{([A-Z0-9_]+):?\?[^}]*\}/g, '${$1}')
      .split(':');
    return { source, target };
  });
  const trust = mounts.find((m) => m.target === posix.join(posix.dirname(config), 'resolver.conf'));
  expect(mounts.some((m) => m.target === config)).toBe(true);
  expect(trust?.source).toMatch(/\/resolver\.conf$/);
  const dir = str(obj(nats.environment)[RESOLVER_DIR_VARIABLE ?? '']) ?? '';
  const named = new Set(Object.keys(obj(COMPOSE.volumes)));
  const holder = mounts.find((m) => dir.startsWith(`${m.target}/`));
  expect(named.has(holder?.source ?? '')).toBe(true);
});

test("every service's NATS credential is the .creds file `accord service creds` writes, in Kubernetes, Compose and systemd", () => {
  // DIR/secrets/service-<service>.creds, relative to the administration folder.
  const issued = (service: Service): string => relative('/ctx', credsFileFor(contextLayout('/ctx'), { kind: 'service', service }));
  const k8s = serviceContainers().map(({ workload, container, service }) => {
    const path = envValue(container, 'ACCORD_NATS_CREDS') ?? '';
    const mount = arr(container.volumeMounts)
      .map(obj)
      .find((m) => path.startsWith(`${str(m.mountPath)}/`));
    const volume = arr(podSpec(workload).volumes)
      .map(obj)
      .find((v) => str(v.name) === str(mount?.name));
    const file = volumeFiles(volume ?? {}).find((f) => f.path === posix.basename(path));
    return { service, file: path.endsWith('.creds'), key: file?.key.endsWith('.creds') ?? false, secret: file?.kind === 'secret' };
  });
  expect(k8s).toEqual(SERVICES.map((service) => ({ service, file: true, key: true, secret: true })));

  const composeSecrets = obj(COMPOSE.secrets);
  const compose = composeAccordServices().map(({ service, definition }) => {
    const name = /^\/run\/secrets\/(.+)$/.exec(composeVariables(definition).get('ACCORD_NATS_CREDS') ?? '')?.[1] ?? '';
    return { service, fromContext: (str(obj(composeSecrets[name]).file) ?? '').endsWith(`}/${issued(service)}`) };
  });
  expect(compose).toEqual(SERVICES.map((service) => ({ service, fromContext: true })));

  const systemd = UNITS.map(({ service, file }) => {
    const settings = unitSettings(file);
    const credential = (settings.get('LoadCredential') ?? []).map((l) => l.split(':')).find(([, source]) => source?.endsWith('.creds'));
    return {
      service,
      source: credential?.[1] === `/etc/accord/secrets/${posix.basename(issued(service))}`,
      variable: unitEnvironment(settings).get('ACCORD_NATS_CREDS') === `%d/${credential?.[0] ?? '?'}`,
    };
  });
  expect(systemd).toEqual(SERVICES.map((service) => ({ service, source: true, variable: true })));
});

/** Every file under deploy/, as a path relative to the repository. */
function deployFiles(dir = 'deploy'): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? deployFiles(`${dir}/${e.name}`) : [`${dir}/${e.name}`],
  );
}

test('no deployment file but the READMEs names an nkey seed file, an nkey user or an authorization block', () => {
  const files = deployFiles().filter((f) => !f.endsWith('.md') && !f.startsWith('deploy/grafana/'));
  expect(files.length).toBeGreaterThan(10);
  const found = files.flatMap((f) =>
    [/[\w-]\.nk\b/, /\bnkey\s*:/, /\bauthorization\s*[:{]/].filter((pattern) => pattern.test(read(f))).map((pattern) => `${f}: ${pattern.source}`),
  );
  expect(found).toEqual([]);
});

test('make-secrets.sh is executable and makes every file the deployment files take from the secrets folder', () => {
  const script = read('deploy/make-secrets.sh');
  expect(statSync(join(ROOT, 'deploy/make-secrets.sh')).mode & 0o111).not.toBe(0);
  const made = new Set((/^for f in ([^;]+); do$/m.exec(script)?.[1] ?? '').split(/\s+/));
  expect(made.has('ca.pem')).toBe(true);
  /** Files a README makes itself from the CA (the servers' certificates). */
  const madeBy = (readme: string): Set<string> => new Set([...read(readme).matchAll(/-(?:out|keyout) (\S+\.pem)/g)].map((m) => m[1] ?? ''));
  const missing: string[] = [];
  for (const secret of Object.values(obj(COMPOSE.secrets)).map((s) => str(obj(s).file) ?? '')) {
    const name = /^\$\{ACCORD_SECRETS_DIR[^}]*\}\/(.+)$/.exec(secret)?.[1];
    if (name && !made.has(name) && !madeBy('deploy/compose/README.md').has(name)) missing.push(`compose: ${name}`);
  }
  for (const readme of ['deploy/k8s/README.md', 'deploy/systemd/README.md']) {
    for (const m of read(readme).matchAll(/\bSECRETS\/([\w.-]+)/g)) {
      const name = m[1] ?? '';
      if (!made.has(name) && !madeBy(readme).has(name)) missing.push(`${readme}: ${name}`);
    }
  }
  expect(missing).toEqual([]);
});

// ---------------------------------------------------------------- the image

test('the image runs the services as a non-root user', () => {
  const dockerfile = read('deploy/Dockerfile');
  const finalStage = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));
  const users = [...finalStage.matchAll(/^USER\s+(\S+)/gm)].map((m) => m[1]);
  expect(users.length).toBeGreaterThan(0);
  expect(users.at(-1)).not.toMatch(/^(root|0)(:|$)/);
});
