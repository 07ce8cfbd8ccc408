import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  appOptionsFor,
  describeModeration,
  loadConfig,
  type RunningServer,
  silentLogger,
  startServer,
} from '../src/index.js';
import { closedPort } from './http-client.js';

describe('API docs, CORS and moderation settings', () => {
  let server: RunningServer;

  beforeAll(async () => {
    const config = loadConfig({
      PORT: '0',
      CONDUCT_DATA_DIR: 'memory://',
      OLLAMA_HOST: `127.0.0.1:${await closedPort()}`,
    });
    server = await startServer(config, { log: silentLogger, ollamaTimeoutMs: 500 });
  });

  afterAll(async () => {
    await server?.close();
  });

  it('serves the docs page with Swagger UI from the installed package (works offline)', async () => {
    const page = await fetch(`${server.url}/docs`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('src="docs/assets/swagger-ui-bundle.js"');
    expect(html).not.toContain('cdn.jsdelivr.net');
    const bundle = await fetch(`${server.url}/docs/assets/swagger-ui-bundle.js`);
    expect(bundle.status).toBe(200);
    expect(bundle.headers.get('content-type')).toContain('javascript');
    expect((await bundle.text()).length).toBeGreaterThan(100_000);
    const css = await fetch(`${server.url}/docs/assets/swagger-ui.css`);
    expect(css.headers.get('content-type')).toContain('text/css');
    expect((await fetch(`${server.url}/docs/assets/index.html`)).status).toBe(404);
    const document = await (await fetch(`${server.url}/openapi.json`)).json();
    expect(document.openapi).toBe('3.1.0');
    expect(document.paths['/docs/assets/{file}']).toBeDefined();
  });

  it('refuses a page from another site in dev mode, but not one from another loopback port', async () => {
    const evil = await fetch(`${server.url}/agents`, {
      headers: { origin: 'https://evil.example' },
    });
    expect(evil.status).toBe(403);
    const local = await fetch(`${server.url}/agents`, {
      headers: { origin: 'http://127.0.0.1:5173' },
    });
    expect(local.status).toBe(200);
    expect(local.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:5173');
  });

  it('reads CONDUCT_CORS_ORIGINS and CONDUCT_API_DOCS, with clear errors', () => {
    expect(loadConfig({ CONDUCT_CORS_ORIGINS: '*' }).corsOrigins).toBe('*');
    expect(
      loadConfig({ CONDUCT_CORS_ORIGINS: 'https://shop.example.com, http://localhost:5173/' })
        .corsOrigins,
    ).toEqual(['https://shop.example.com', 'http://localhost:5173']);
    expect(loadConfig({}).corsOrigins).toBeUndefined();
    expect(() => loadConfig({ CONDUCT_CORS_ORIGINS: 'shop.example.com/path' })).toThrow(
      /CONDUCT_CORS_ORIGINS: must be \*, loopback, or comma-separated origins/,
    );
    expect(loadConfig({ CONDUCT_API_DOCS: 'off' }).apiDocs).toBe('off');
    expect(() => loadConfig({ CONDUCT_API_DOCS: 'maybe' })).toThrow(/CONDUCT_API_DOCS: 'maybe'/);
  });

  it('wires docs access and moderation from the configuration', async () => {
    const none = { provider: 'none' as const, model: server.selection.model };
    const dev = appOptionsFor(loadConfig({}), none);
    expect(dev.moderation).toEqual({});
    expect(describeModeration(dev)).toContain('OPENAI_API_KEY');
    const openai = appOptionsFor(loadConfig({ OPENAI_API_KEY: 'sk-test' }), {
      provider: 'openai',
      model: server.selection.model,
    });
    expect(openai.moderation?.moderator?.provider).toBe('openai');
    expect(openai.moderation?.jailbreakDetector).toBeDefined();
    expect(appOptionsFor(loadConfig({ CONDUCT_API_DOCS: 'off' }), none).docs).toBe(false);
    const production = loadConfig({
      CONDUCT_AUTH: 'public',
      CONDUCT_API_KEYS: 'k',
      HOST: '0.0.0.0',
    });
    expect(appOptionsFor(production, none).auth?.docs?.security('ACCESS_API_DOCS')).toEqual([
      { apiKey: [] },
    ]);
    const open = appOptionsFor({ ...production, apiDocs: 'public' }, none);
    expect(open.auth?.docs?.security('ACCESS_API_DOCS')).toContainEqual({});
  });
});
