/** Small HTTP helpers for the node's tests: JSON in, status and JSON out, cookies by hand. */
export interface HttpAnswer {
  status: number;
  contentType: string;
  body: unknown;
  text: string;
  setCookie: string[];
}

export async function call(
  base: string,
  method: string,
  path: string,
  options: { token?: string; cookie?: string; csrf?: string; json?: unknown; headers?: Record<string, string> } = {},
): Promise<HttpAnswer> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.cookie) headers.cookie = options.cookie;
  if (options.csrf) headers['x-csrf-token'] = options.csrf;
  if (options.json !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${base}${path}`, {
    method,
    headers,
    ...(options.json !== undefined ? { body: JSON.stringify(options.json) } : {}),
  });
  const text = await response.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  return {
    status: response.status,
    contentType: response.headers.get('content-type') ?? '',
    body,
    text,
    setCookie: response.headers.getSetCookie(),
  };
}

/** The `name=value` part of a Set-Cookie header, to send back. */
export function cookieOf(answer: HttpAnswer, name: string): string {
  const header = answer.setCookie.find((c) => c.startsWith(`${name}=`));
  if (!header) throw new Error(`no ${name} cookie in ${JSON.stringify(answer.setCookie)}`);
  return header.split(';')[0] ?? '';
}

/** Reads a Server-Sent Events stream until `want` accepts an event or the time is up. */
export async function awaitEvent(
  base: string,
  token: string,
  want: (event: { event: string; data: unknown }) => boolean,
  timeoutMs: number,
  onOpen: () => Promise<void>,
): Promise<{ event: string; data: unknown }> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    const response = await fetch(`${base}/api/v1/events`, { headers: { authorization: `Bearer ${token}` }, signal: controller.signal });
    if (!response.body) throw new Error(`no event stream: ${response.status}`);
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let buffered = '';
    let opened = false;
    for (;;) {
      const { value, done } = await reader.read();
      if (done) throw new Error('the event stream ended');
      buffered += decoder.decode(value, { stream: true });
      if (!opened) {
        opened = true;
        await onOpen();
      }
      let end: number;
      while ((end = buffered.indexOf('\n\n')) >= 0) {
        const frame = buffered.slice(0, end);
        buffered = buffered.slice(end + 2);
        const event = /^event: (.*)$/m.exec(frame)?.[1];
        const data = /^data: (.*)$/m.exec(frame)?.[1];
        if (event && data) {
          const parsed = { event, data: JSON.parse(data) as unknown };
          if (want(parsed)) return parsed;
        }
      }
    }
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
}
