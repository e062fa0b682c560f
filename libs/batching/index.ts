export { MicroBatcher } from './micro-batcher.js';
export { chunksWithin } from './chunks-within.js';
