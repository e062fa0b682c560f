export { buildView } from './build-view.js';
export type { BuiltView, ViewInput } from './build-view.js';
export { pseudonym, normaliseName } from './pseudonym.js';
export { categoriesForIdentity, identityCategory, isTreatedAsMinor } from './identity-category.js';
