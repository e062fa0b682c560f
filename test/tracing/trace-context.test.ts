import { describe, expect, test } from 'vitest';
import { childOf, formatTraceparent, inStageSpan, newTrace, parseTraceparent } from '../../libs/tracing/index.js';

const valid = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

describe('W3C trace context', () => {
  test('a valid traceparent is read and written back unchanged', () => {
    const c = parseTraceparent(valid);
    expect(c).toEqual({ traceId: '4bf92f3577b34da6a3ce929d0e0e4736', spanId: '00f067aa0ba902b7', sampled: true });
    expect(formatTraceparent(c ?? newTrace())).toBe(valid);
  });

  test.each([
    ['another version', '01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01'],
    ['an all-zero trace id', '00-00000000000000000000000000000000-00f067aa0ba902b7-01'],
    ['an all-zero span id', '00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01'],
    ['upper-case hex', '00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01'],
    ['something else', 'Kamal Haddad'],
  ])('%s is refused (an adapter is untrusted)', (_, value) => {
    expect(parseTraceparent(value)).toBeUndefined();
  });

  test('a child keeps the trace and gets a span of its own', () => {
    const parent = newTrace();
    const child = childOf(parent);
    expect(child.traceId).toBe(parent.traceId);
    expect(child.spanId).toMatch(/^[0-9a-f]{16}$/);
    expect(child.spanId).not.toBe(parent.spanId);
  });

  test('a stage span without an SDK passes on the same trace with a new span id', async () => {
    const parent = newTrace();
    const passed = await inStageSpan('routing', parent, async (passOn) => passOn);
    expect(passed.traceId).toBe(parent.traceId);
    expect(passed.spanId).not.toBe(parent.spanId);
  });
});
