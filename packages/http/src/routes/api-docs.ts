import { Hono } from 'hono';
import { type AppEnv, authorize } from '../app-env.js';
import { ACCESS_API_DOCS } from '../auth/api-key-policy.js';
import { HttpError } from '../errors.js';
import { DEFAULT_DOCS_ASSETS_URL, DOCS_ASSET_FILES, docsPageHtml } from '../openapi/docs-page.js';
import type { OpenApiDocument } from '../openapi/openapi-document.js';
import { describeRoutes, type RouteDoc, type RouteGroupDocs } from '../openapi/route-docs.js';

/** One Swagger UI file, as an `assets` source returns it. */
export interface DocsAsset {
  body: Uint8Array | string;
  /** Default: by file name. */
  contentType?: string;
}

/** Options of the API docs (`GET /docs`, `GET /openapi.json`, and `GET /` redirecting to `/docs`). */
export interface ApiDocsOptions {
  /** Title of the document and the page. Default `Conduct API`. */
  title?: string;
  /** Markdown at the top of the document. */
  description?: string;
  /** Version in the document's `info`. Default `1.0.0`. */
  version?: string;
  /**
   * Base URL of Swagger UI's files (`swagger-ui.css`, `swagger-ui-bundle.js`). Default: a
   * pinned jsDelivr copy of swagger-ui-dist 5.35.0, or `docs/assets/` when `assets` is given.
   */
  assetsBaseUrl?: string;
  /**
   * Serves Swagger UI's files from this app at `/docs/assets/{file}` (so the page works
   * offline), e.g. read from an installed `swagger-ui-dist`. Only the files the page needs
   * are asked for; return `undefined` for a missing one (404).
   */
  assets?: (file: string) => DocsAsset | undefined | Promise<DocsAsset | undefined>;
}

/** The docs routes and their own description; `document` builds the OpenAPI document. */
export function apiDocsRoutes(
  options: ApiDocsOptions & { redirectRoot?: boolean },
  document: () => OpenApiDocument,
): { routes: Hono<AppEnv>; docs: RouteGroupDocs } {
  const assetsBaseUrl =
    options.assetsBaseUrl ?? (options.assets ? 'docs/assets/' : DEFAULT_DOCS_ASSETS_URL);
  const page = docsPageHtml({
    title: options.title ?? 'Conduct API',
    assetsBaseUrl,
    documentUrl: 'openapi.json',
  });
  const routes = new Hono<AppEnv>();
  // The reference redirects `/` to its built-in chat UI; without the studio, the docs page is
  // what this app has. No authorization here: the page itself asks for ACCESS_API_DOCS.
  const redirectRoot = options.redirectRoot ?? true;
  if (redirectRoot) {
    routes.get('/', (c) => c.redirect(`${c.req.path.replace(/\/+$/, '')}/docs`, 307));
  }
  routes
    .get('/openapi.json', async (c) => {
      await authorize(c, ACCESS_API_DOCS);
      return c.json(document());
    })
    .get('/docs', async (c) => {
      await authorize(c, ACCESS_API_DOCS);
      return c.html(page);
    });
  const docs: RouteDoc[] = [
    ...(redirectRoot
      ? [
          {
            method: 'get',
            path: '/',
            operationId: 'redirectToDocs',
            summary: 'Redirects (307) to the docs page',
            status: 307,
            responseDescription: 'Redirect to `/docs`',
            extension: true,
          } satisfies RouteDoc,
        ]
      : []),
    {
      method: 'get',
      path: '/openapi.json',
      operationId: 'readOpenApiDocument',
      summary: 'This OpenAPI 3.1 document',
      operation: ACCESS_API_DOCS,
      response: { contentType: 'application/json', schema: { type: 'object' } },
      extension: true,
    },
    {
      method: 'get',
      path: '/docs',
      operationId: 'readDocsPage',
      summary: 'The interactive docs page (Swagger UI)',
      operation: ACCESS_API_DOCS,
      response: { contentType: 'text/html' },
      extension: true,
    },
  ];
  const source = options.assets;
  if (source) {
    routes.get('/docs/assets/:file', async (c) => {
      await authorize(c, ACCESS_API_DOCS);
      const file = c.req.param('file');
      // Own keys only: `constructor` or `__proto__` must not pass for a listed file.
      const contentType = Object.hasOwn(DOCS_ASSET_FILES, file)
        ? DOCS_ASSET_FILES[file]
        : undefined;
      const asset = contentType === undefined ? undefined : await source(file);
      if (asset === undefined) throw new HttpError(404, `No docs asset '${file}'`);
      return c.body(asset.body as Uint8Array<ArrayBuffer>, 200, {
        'content-type': asset.contentType ?? contentType ?? 'application/octet-stream',
        'cache-control': 'public, max-age=86400',
      });
    });
    docs.push({
      method: 'get',
      path: '/docs/assets/:file',
      operationId: 'readDocsAsset',
      summary: 'A Swagger UI file of the docs page',
      operation: ACCESS_API_DOCS,
      response: { contentType: 'application/octet-stream' },
      extension: true,
    });
  }
  return { routes, docs: describeRoutes('', 'docs', docs) };
}
