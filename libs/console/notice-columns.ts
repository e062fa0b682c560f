import type { Lang } from './console-models.js';
import { t } from './i18n/translate.js';

/** The column heads of a list of received notices (a case's timeline, the replies to a sent notice). */
export function receivedNoticeColumns(lang: Lang): string[] {
  return [
    t(lang, 'column.tlp'),
    t(lang, 'column.notice'),
    t(lang, 'column.type'),
    t(lang, 'column.issuer'),
    t(lang, 'column.issued'),
    t(lang, 'column.received'),
  ];
}
