import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** The static site hosting the widget page. */
export interface WidgetPageServer {
  /** Origin of the site, e.g. `http://127.0.0.1:41234`. */
  origin: string;
  close(): Promise<void>;
}

// An empty favicon keeps the browser from requesting one (a 404 would be a console error).
const INDEX_HTML = `<!doctype html>
<html lang="en">
  <head><meta charset="utf-8"><title>Widget</title><link rel="icon" href="data:,"></head>
  <body><div id="root"></div><script src="/bundle.js"></script></body>
</html>`;

/**
 * Serves `index.html` and the widget bundle on an ephemeral 127.0.0.1 port. It is a different
 * origin from the API server, so the browser enforces CORS on every API call just as it would
 * for a site embedding the widget.
 */
export async function startWidgetPageServer(bundleFile: string): Promise<WidgetPageServer> {
  const bundle = await readFile(bundleFile);
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://page').pathname;
    if (path === '/' || path === '/index.html') {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(INDEX_HTML);
    } else if (path === '/bundle.js') {
      response.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' }).end(bundle);
    } else {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
