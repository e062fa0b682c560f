export { childOf, formatTraceparent, inStageSpan, newTrace, parseTraceparent, TRACEPARENT, type TraceContext } from './trace-context.js';
