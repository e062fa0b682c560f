export { StopWaiting, waitFor } from './wait-for.js';
