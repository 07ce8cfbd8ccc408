import { Hono } from 'hono';
import type { AppEnv } from '../app-env.js';
import { HttpError } from '../errors.js';
import { describeRoutes, type RouteDoc } from '../openapi/route-docs.js';

/** One file of the web studio, as a {@link StudioOptions} source returns it. */
export interface StudioAsset {
  body: Uint8Array | string;
  contentType: string;
}

/**
 * Options of the web studio (`GET /` and `GET /studio/{file}`), e.g. `@conduct/studio`'s
 * `studioAssets()`. The studio is a static page: it holds no data and calls the API like any
 * other client (with the API key a person types in when the auth policy asks for one), so its
 * files are served without authorization and no API route is opened by serving them.
 */
export interface StudioOptions {
  /**
   * Reads a file of the built studio: `index.html`, or a file name under `studio/` (asked only
   * for names of letters, digits, `.`, `_` and `-`). `undefined` for a missing one (404).
   */
  assets: (file: string) => StudioAsset | undefined | Promise<StudioAsset | undefined>;
}

// Built file names carry a content hash, so a browser may keep them; the page itself is
// revalidated so a new build is picked up.
const ASSET_NAME = /^[A-Za-z0-9_-][A-Za-z0-9._-]*$/;

/** The studio's routes and their description. */
export function studioRoutes(options: StudioOptions) {
  const routes = new Hono<AppEnv>()
    .get('/', async (c) => {
      const page = await options.assets('index.html');
      if (page === undefined) throw new HttpError(404, 'The studio is not built');
      return c.body(page.body as Uint8Array<ArrayBuffer>, 200, {
        'content-type': page.contentType,
        'cache-control': 'no-cache',
      });
    })
    .get('/studio/:file', async (c) => {
      const file = c.req.param('file');
      const asset = ASSET_NAME.test(file) ? await options.assets(`studio/${file}`) : undefined;
      if (asset === undefined) throw new HttpError(404, `No studio file '${file}'`);
      return c.body(asset.body as Uint8Array<ArrayBuffer>, 200, {
        'content-type': asset.contentType,
        'cache-control': 'public, max-age=31536000, immutable',
      });
    });
  const docs: RouteDoc[] = [
    {
      method: 'get',
      path: '/',
      operationId: 'readStudioPage',
      summary: 'The web studio (chat, why each reply, the behavior model)',
      description:
        'A static page that calls this API; it asks for an API key when the auth policy needs one.',
      response: { contentType: 'text/html' },
      extension: true,
    },
    {
      method: 'get',
      path: '/studio/:file',
      operationId: 'readStudioAsset',
      summary: 'A file of the web studio (script, style sheet)',
      response: { contentType: 'application/octet-stream' },
      extension: true,
    },
  ];
  return { routes, docs: describeRoutes('', 'studio', docs) };
}
