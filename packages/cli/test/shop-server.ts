import type { AddressInfo } from 'node:net';
import { type Conduct, createConduct, createMemoryStore } from '@conduct/core';
import { createConductApp } from '@conduct/http';
import { defaultMatchers } from '@conduct/matchers';
import { type ServerType, serve } from '@hono/node-server';
import setup from './fixtures/shop-agent.js';
import { shopModel } from './shop-model.js';

/** The shop agent served over HTTP on 127.0.0.1, with its scripted model. */
export interface ShopServer {
  url: string;
  conduct: Conduct;
  close(): Promise<void>;
}

/** Starts the REST API of an engine with the shop agent on a free port of 127.0.0.1. */
export async function startShopServer(): Promise<ShopServer> {
  const conduct = createConduct({
    store: createMemoryStore(),
    model: shopModel(),
    ...defaultMatchers(),
    onError: () => {},
  });
  await conduct.sync(setup);
  await conduct.prepare();
  const app = createConductApp({ conduct });
  const server = await new Promise<ServerType>((resolve) => {
    const started = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () =>
      resolve(started),
    );
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    conduct,
    async close() {
      await conduct.close();
      await new Promise<void>((resolve) => {
        if ('closeAllConnections' in server) server.closeAllConnections();
        server.close(() => resolve());
      });
    },
  };
}
