export { readSecretFile, readJsonFile } from './secret-files.js';
export { writeSecretFile } from './write-secret-file.js';
