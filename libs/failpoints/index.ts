export { failpoint } from './failpoint.js';
