/**
 * A tiny HTTP server on 127.0.0.1 and a free port, for pages the browser tests make
 * themselves (the control page, fixtures under the console's CSP).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** The console's policy: no inline script or style, nothing from elsewhere, never framed. */
export const CONSOLE_CSP = "default-src 'self'; script-src 'self'; style-src 'self'; frame-ancestors 'none'";

export interface LocalPage {
  status?: number;
  headers?: Record<string, string>;
  body: string;
}

export interface LocalServer {
  /** `http://127.0.0.1:PORT` */
  origin: string;
  close(): Promise<void>;
}

/** Serves `pages(path)`; a path it returns undefined for is a 404. */
export async function serveLocal(pages: (path: string) => LocalPage | undefined): Promise<LocalServer> {
  const server = createServer((request, response) => {
    const page = pages(new URL(request.url ?? '/', 'http://localhost').pathname);
    response.writeHead(page?.status ?? (page ? 200 : 404), { 'content-type': 'text/html; charset=utf-8', ...page?.headers });
    response.end(page?.body ?? 'not found');
  });
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((closed) => {
        server.close(() => closed());
        server.closeAllConnections();
      }),
  };
}

/** A whole document around `body`, in English, with a title (so axe judges the body, not the frame). */
export function htmlDocument(title: string, body: string): string {
  return `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body>${body}</body></html>`;
}
