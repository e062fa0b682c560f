export { parseNoticeJson, noticeFromJsonObject } from './parse-notice-json.js';
export { validateNotice } from './validate-notice.js';
export { isCountryCode } from './country-codes.js';
export { encodeNotice, decodeNotice } from './notice-bytes.js';
export { CATEGORIES, isCategory } from './field-categories.js';
export type { Category } from './field-categories.js';
export { personValues } from './person-values.js';
export type { PersonValue } from './person-values.js';
export { textFields } from './text-fields.js';
