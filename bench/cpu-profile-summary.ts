import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Where a function's time is counted: the package or the part of Accord it belongs to. */
function areaOf(frame: ProfileNode['callFrame']): string {
  const { url, functionName } = frame;
  if (!url) {
    if (functionName === '(idle)') return '(idle)';
    if (functionName === '(garbage collector)') return 'garbage collection';
    if (functionName === '(program)') return 'V8 and native (program)';
    return `native: ${functionName || '(anonymous)'}`;
  }
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1] ?? url;
  if (url.startsWith('node:')) return `node: ${url.slice(5).split('/')[0]}`;
  const own = /\/dist\/((?:libs|services)\/[^/]+)/.exec(url);
  if (own) return own[1] ?? url;
  return url;
}

/** Share of the busy (non-idle) time per area, highest first. */
export function summariseCpuProfile(file: string): { busyMs: number; areas: [string, number][] } {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const micros = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const node = byId.get(id);
    if (!node) return;
    const area = areaOf(node.callFrame);
    micros.set(area, (micros.get(area) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  micros.delete('(idle)');
  const busy = [...micros.values()].reduce((a, b) => a + b, 0);
  const areas = [...micros.entries()]
    .sort((a, b) => b[1] - a[1])
    .map(([area, us]): [string, number] => [area, Math.round((us / busy) * 1000) / 10]);
  return { busyMs: Math.round(busy / 1000), areas };
}
