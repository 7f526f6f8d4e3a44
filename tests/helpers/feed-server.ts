import { createHash } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** How the server answers the next requests. */
export type FeedMode = 'serve' | 'hang' | 'error500' | 'garbage' | 'huge';

export interface SeenRequest {
  path: string;
  headers: IncomingHttpHeaders;
  status: number;
}

/**
 * A calendar host on 127.0.0.1 that behaves like Google's or Outlook's: an ETag (the body's hash) and a
 * Last-Modified date on every answer, and 304 with no body when the client sends either back unchanged.
 */
export interface FeedServer {
  url(path?: string): string;
  body: string;
  mode: FeedMode;
  seen: SeenRequest[];
  close(): Promise<void>;
}

export async function startFeedServer(
  body: string,
  lastModified = 'Mon, 04 Jul 2022 23:48:28 GMT',
): Promise<FeedServer> {
  const state: FeedServer = {
    url: () => '',
    body,
    mode: 'serve',
    seen: [],
    close: async () => {},
  };
  const server: Server = createServer((req, res) => {
    const record = (status: number) => state.seen.push({ path: req.url ?? '', headers: req.headers, status });
    switch (state.mode) {
      case 'hang':
        record(0);
        return; // never answers: the client's timeout must end it
      case 'error500':
        record(500);
        res.writeHead(500, { 'content-type': 'text/plain' }).end('upstream calendar store unavailable');
        return;
      case 'garbage':
        record(200);
        res
          .writeHead(200, { 'content-type': 'text/html', etag: '"garbage"' })
          .end('<!doctype html><html><body><h1>Sign in to continue</h1></body></html>');
        return;
      case 'huge': {
        record(200);
        // No Content-Length: the client must count as it reads and stop at its limit.
        res.writeHead(200, { 'content-type': 'text/calendar' });
        const chunk = Buffer.alloc(64 * 1024, 'X');
        let sent = 0;
        const pump = () => {
          while (sent < 1000 && res.write(chunk)) sent++;
          if (sent < 1000) res.once('drain', pump);
          else res.end();
        };
        res.on('error', () => {});
        pump();
        return;
      }
      case 'serve': {
        const etag = `"${createHash('sha256').update(state.body).digest('hex').slice(0, 16)}"`;
        const notModified =
          req.headers['if-none-match'] === etag ||
          (!req.headers['if-none-match'] && req.headers['if-modified-since'] === lastModified);
        if (notModified) {
          record(304);
          res.writeHead(304, { etag, 'last-modified': lastModified }).end();
          return;
        }
        record(200);
        res
          .writeHead(200, {
            'content-type': 'text/calendar; charset=utf-8',
            etag,
            'last-modified': lastModified,
          })
          .end(state.body);
      }
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  state.url = (path = '/calendar/basic.ics') => `http://127.0.0.1:${port}${path}`;
  state.close = () =>
    new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return state;
}
