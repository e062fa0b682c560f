import { randomFillSync } from 'node:crypto';
import { context, trace, TraceFlags, type Span } from '@opentelemetry/api';

/** A W3C trace context (https://www.w3.org/TR/trace-context/): the `traceparent` header's parts. */
export interface TraceContext {
  traceId: string;
  spanId: string;
  sampled: boolean;
}

export const TRACEPARENT = 'traceparent';

const TRACEPARENT_PATTERN = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;
const ALL_ZERO = /^0+$/;

/** The context a `traceparent` value names, or undefined if it is not a valid version-00 one (adapters are untrusted). */
export function parseTraceparent(value: string | undefined): TraceContext | undefined {
  const m = TRACEPARENT_PATTERN.exec(value?.trim() ?? '');
  if (!m) return undefined;
  const [, traceId = '', spanId = '', flags = '00'] = m;
  if (ALL_ZERO.test(traceId) || ALL_ZERO.test(spanId)) return undefined;
  return { traceId, spanId, sampled: (Number.parseInt(flags, 16) & 1) === 1 };
}

export function formatTraceparent(c: TraceContext): string {
  return `00-${c.traceId}-${c.spanId}-${c.sampled ? '01' : '00'}`;
}

/** Random bytes drawn from a pool: a call to the system's generator per id costs more than the id. */
const pool = Buffer.alloc(4096);
let poolAt = pool.length;

function randomHex(bytes: number): string {
  if (poolAt + bytes > pool.length) {
    randomFillSync(pool);
    poolAt = 0;
  }
  poolAt += bytes;
  return pool.toString('hex', poolAt - bytes, poolAt);
}

/** A new trace, for a submission that came without one. */
export function newTrace(): TraceContext {
  return { traceId: randomHex(16), spanId: randomHex(8), sampled: true };
}

/** The context a stage passes on: same trace, its own span. */
export function childOf(parent: TraceContext): TraceContext {
  return { ...parent, spanId: randomHex(8) };
}

/**
 * Runs a stage's work on one notice as an OpenTelemetry span whose parent is the incoming
 * context, and returns the context to pass on. Without an OpenTelemetry SDK (none is
 * bundled; an operator may preload one) the API records nothing and the passed-on context
 * is a fresh child span id in the same trace.
 */
export async function inStageSpan<T>(
  name: string,
  parent: TraceContext,
  work: (passOn: TraceContext, span: Span) => Promise<T>,
): Promise<T> {
  const remote = trace.setSpanContext(context.active(), {
    traceId: parent.traceId,
    spanId: parent.spanId,
    traceFlags: parent.sampled ? TraceFlags.SAMPLED : TraceFlags.NONE,
    isRemote: true,
  });
  return trace.getTracer('accord').startActiveSpan(name, {}, remote, async (span) => {
    const own = span.spanContext();
    const passOn = span.isRecording() ? { traceId: own.traceId, spanId: own.spanId, sampled: parent.sampled } : childOf(parent);
    try {
      return await work(passOn, span);
    } finally {
      span.end();
    }
  });
}
