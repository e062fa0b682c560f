export { buildView, buildViewTemplate, personaliseView } from './build-view.js';
export type { BuiltView, SignedParts, TemplateInput, ViewInput, ViewTemplate } from './build-view.js';
export { normaliseName, pseudonym } from './pseudonym.js';
export { categoriesForIdentity, identityCategory, isTreatedAsMinor } from './identity-category.js';
export { scrubText } from './scrub-text.js';
export type { OwnedValue, ScrubContext, ScrubResult, ValueOwner } from './scrub-text.js';
export { identifierCategoryFor } from './identifier-category.js';
export { noticeValues } from './notice-values.js';
