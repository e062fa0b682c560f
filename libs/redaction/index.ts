export { buildView, buildViewTemplate, personaliseView } from './build-view.js';
export type { BuiltView, TemplateInput, ViewInput, ViewTemplate } from './build-view.js';
export { pseudonym, normaliseName } from './pseudonym.js';
export { categoriesForIdentity, identityCategory, isTreatedAsMinor } from './identity-category.js';
export { scrubSummary } from './scrub-summary.js';
export type { KnownValue, ScrubInput, ScrubResult, ValueKind } from './scrub-summary.js';
export { isValidIban, isValidImo } from './identifier-checks.js';
