export { hasMarkup, parseMarkup } from './markup.js';
export type { Collection, ElementRef, MarkupPiece } from './markup.js';
export { formatTemplate, parseTemplate, renderTemplate } from './template.js';
export type { Placeholder, TemplatePiece } from './template.js';
export { fieldText, personPart, wireField } from './element-fields.js';
export { joinAfterRemoval } from './join-after-removal.js';
export { marker, resolvePlaceholder } from './resolve-placeholder.js';
export type { RenderSources } from './resolve-placeholder.js';
