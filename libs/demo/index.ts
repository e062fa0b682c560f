export { addDemoAgencies, DEMO_AGENCIES } from './demo-agencies.js';
