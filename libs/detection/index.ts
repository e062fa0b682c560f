export { analyseText, findIdentifiers, findValues, identifierKey } from './find-values.js';
export type { AnalysedText, FoundIdentifier } from './find-values.js';
export type { IdentifierShape } from './identifier-shapes.js';
export type { KnownValue, ValueKind, ValueMatch } from './known-value.js';
export { normalise } from './normalise-text.js';
export { boundedMemo } from './bounded-memo.js';
