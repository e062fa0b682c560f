import type { FastifyRequest } from 'fastify';
import type { AuditPageContext } from '../../libs/audit-console/index.js';
import { chooseLang, isLocalPath } from '../../libs/console/index.js';

/** The language cookie: the node console's name, so a choice made in either holds in both on one host. */
export const LANG_COOKIE = 'accord_lang';

export const HTML = 'text/html; charset=utf-8';

/** A page's language (the cookie, else Accept-Language, else English) and its own path, for the language switcher. */
export function pageContext(request: FastifyRequest): AuditPageContext {
  return {
    lang: chooseLang(request.cookies[LANG_COOKIE], request.headers['accept-language']),
    path: isLocalPath(request.url) ? request.url : '/',
  };
}
