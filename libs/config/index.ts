export { EnvReader } from './env-reader.js';
export type { Env } from './env-reader.js';
export { readSecretFile, readJsonFile } from './secret-files.js';
export { writeSecretFile } from './write-secret-file.js';
