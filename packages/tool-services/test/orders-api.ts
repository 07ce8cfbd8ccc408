import { once } from 'node:events';
import { createServer, type Server } from 'node:http';

/** The OpenAPI document of {@link startOrdersApi}. */
export const ordersDocument = {
  openapi: '3.0.3',
  info: { title: 'Orders', version: '1' },
  servers: [{ url: '/api' }],
  components: {
    schemas: {
      Refund: {
        type: 'object',
        properties: {
          order_id: { type: 'string', description: 'The order to refund' },
          amount: { type: 'number', minimum: 0 },
        },
        required: ['order_id', 'amount'],
      },
    },
    parameters: {
      OrderId: { name: 'order_id', in: 'path', required: true, schema: { type: 'string' } },
    },
  },
  paths: {
    '/orders/{order_id}': {
      parameters: [{ $ref: '#/components/parameters/OrderId' }],
      get: {
        operationId: 'get_order',
        summary: 'Finds an order',
        parameters: [{ name: 'expand', in: 'query', schema: { type: 'boolean' } }],
      },
    },
    '/refunds': {
      post: {
        operationId: 'create_refund',
        summary: 'Refunds an order',
        requestBody: {
          required: true,
          content: { 'application/json': { schema: { $ref: '#/components/schemas/Refund' } } },
        },
      },
    },
  },
};

/** What the API received. */
export interface Received {
  method: string;
  url: string;
  authorization: string | undefined;
  body: unknown;
}

/** A local HTTP API serving its OpenAPI document at `/openapi.json` and the operations under `/api`. */
export async function startOrdersApi(): Promise<{
  url: string;
  received: Received[];
  server: Server;
}> {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    let text = '';
    req.on('data', (chunk: Buffer) => {
      text += chunk.toString();
    });
    req.on('end', () => {
      const url = req.url ?? '/';
      const body = text === '' ? undefined : (JSON.parse(text) as unknown);
      received.push({
        method: req.method ?? '',
        url,
        authorization: req.headers.authorization,
        body,
      });
      res.setHeader('content-type', 'application/json');
      if (url === '/openapi.json') return res.end(JSON.stringify(ordersDocument));
      if (req.headers.authorization !== 'Bearer secret') {
        res.statusCode = 401;
        return res.end(JSON.stringify({ error: 'unauthorized' }));
      }
      const order = /^\/api\/orders\/([^/?]+)/.exec(url);
      if (req.method === 'GET' && order) {
        if (order[1] === 'missing') {
          res.statusCode = 404;
          return res.end(JSON.stringify({ error: 'no such order' }));
        }
        return res.end(JSON.stringify({ id: decodeURIComponent(order[1]!), status: 'shipped' }));
      }
      if (req.method === 'POST' && url === '/api/refunds') {
        return res.end(JSON.stringify({ refunded: body }));
      }
      res.statusCode = 404;
      res.end('{}');
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return { url: `http://127.0.0.1:${address.port}`, received, server };
}
