import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { AccordError } from '../errors/index.js';

export interface NodeRequest {
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  timeoutMs: number;
  maxResponseBytes: number;
  /** PEM CA certificate(s) trusted instead of the system's. */
  ca?: string | Buffer;
}

export interface NodeAnswer {
  status: number;
  contentType: string;
  text: string;
}

/**
 * One HTTP(S) request with node:http and node:https rather than fetch: Node's fetch takes
 * no CA of the caller's own without the undici package, and an agency node's CA is
 * often the agency's own. The answer is read whole, up to a size limit; the time limit
 * covers connecting, the TLS handshake and the whole answer.
 */
export function nodeRequest(url: URL, options: NodeRequest): Promise<NodeAnswer> {
  const origin = `${url.protocol}//${url.host}`;
  return new Promise((resolve, reject) => {
    let stopped: AccordError | undefined;
    // Once the answer has begun, destroying the request reports "aborted": say why it was stopped instead.
    const stop = (why: AccordError): void => {
      stopped ??= why;
      req.destroy(why);
    };
    const fail = (error: unknown): void => {
      clearTimeout(timer);
      reject(stopped ?? error);
    };
    const onAnswer = (response: IncomingMessage): void => {
      const chunks: Buffer[] = [];
      let size = 0;
      response.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > options.maxResponseBytes) {
          stop(new AccordError('E_LIMIT_EXCEEDED', `the node at ${origin} answered more than ${options.maxResponseBytes} bytes: refused`));
          return;
        }
        chunks.push(chunk);
      });
      response.on('end', () => {
        clearTimeout(timer);
        resolve({
          status: response.statusCode ?? 0,
          contentType: String(response.headers['content-type'] ?? ''),
          text: Buffer.concat(chunks).toString('utf8'),
        });
      });
      response.on('error', fail);
    };
    const common = { method: options.method, headers: options.headers };
    const req =
      url.protocol === 'https:'
        ? httpsRequest(url, { ...common, ...(options.ca !== undefined ? { ca: options.ca } : {}) }, onAnswer)
        : httpRequest(url, common, onAnswer);
    const timer = setTimeout(
      () => stop(new AccordError('E_TIMEOUT', `the node at ${origin} did not answer within ${options.timeoutMs} ms`)),
      options.timeoutMs,
    );
    req.on('error', fail);
    req.end();
  });
}
