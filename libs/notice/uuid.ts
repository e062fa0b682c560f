/** RFC 9562: 8-4-4-4-12 hex digits, a defined version (1-8) and the RFC variant. */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

/** Whether a string can be a noticeId (a UUID, RFC 9562). */
export function isNoticeId(value: string): boolean {
  return UUID.test(value);
}
