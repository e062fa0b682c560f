export { AccordMetrics } from './accord-metrics.js';
