import { ConfigurationError } from '@conduct/core';
import { type ServerType, serve } from '@hono/node-server';

/** What {@link listen} serves, and where. */
export interface ListenOptions {
  fetch: (request: Request) => Response | Promise<Response>;
  port: number;
  host: string;
}

/**
 * Serves `fetch` with `@hono/node-server` and resolves once the socket is listening; a port in
 * use rejects with a `ConfigurationError` that says so.
 */
export function listen(options: ListenOptions): Promise<ServerType> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'EADDRINUSE'
          ? new ConfigurationError(
              `Port ${options.port} on ${options.host} is already in use: stop the other process or set PORT`,
            )
          : error,
      );
    };
    const server = serve(
      { fetch: options.fetch, port: options.port, hostname: options.host },
      () => {
        server.off('error', onError);
        resolve(server);
      },
    );
    server.once('error', onError);
  });
}
