/** swagger-ui-dist version the default assets URL pins. */
export const SWAGGER_UI_VERSION = '5.35.0';

/** Default base URL of Swagger UI's files: a pinned jsDelivr copy of swagger-ui-dist. */
export const DEFAULT_DOCS_ASSETS_URL = `https://cdn.jsdelivr.net/npm/swagger-ui-dist@${SWAGGER_UI_VERSION}/`;

/** The Swagger UI files the docs page loads (and the only ones `/docs/assets/` serves). */
export const DOCS_ASSET_FILES: Readonly<Record<string, string>> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'favicon-32x32.png': 'image/png',
};

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** Options of {@link docsPageHtml}. */
export interface DocsPageOptions {
  /** Page title. */
  title: string;
  /** Base URL of the Swagger UI files, ending with `/`. */
  assetsBaseUrl: string;
  /** URL of the OpenAPI document, relative to the page. */
  documentUrl: string;
}

/** The interactive docs page: Swagger UI over the app's OpenAPI document. */
export function docsPageHtml(options: DocsPageOptions): string {
  const base = escapeHtml(
    options.assetsBaseUrl.endsWith('/') ? options.assetsBaseUrl : `${options.assetsBaseUrl}/`,
  );
  const config = JSON.stringify({
    url: options.documentUrl,
    dom_id: '#swagger-ui',
    deepLinking: true,
    displayOperationId: true,
    displayRequestDuration: true,
    requestSnippetsEnabled: true,
  }).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(options.title)}</title>
<link rel="icon" type="image/png" href="${base}favicon-32x32.png">
<link rel="stylesheet" href="${base}swagger-ui.css">
</head>
<body>
<div id="swagger-ui"></div>
<script src="${base}swagger-ui-bundle.js"></script>
<script>window.ui = SwaggerUIBundle(${config});</script>
</body>
</html>
`;
}
