import { describe, expect, it } from 'vitest';
import { apiKeyAuthPolicy, type StudioAsset } from '../src/index.js';
import { appWith } from './auth-harness.js';

const FILES: Record<string, StudioAsset> = {
  'index.html': { body: '<!doctype html><title>Studio</title>', contentType: 'text/html' },
  'studio/app-1a2b.js': { body: 'console.log(1)', contentType: 'text/javascript' },
};

/** An app under an API-key policy serving a fixed studio; records the files it was asked for. */
function studioApp() {
  const asked: string[] = [];
  const { app } = appWith(apiKeyAuthPolicy({ keys: ['k'.repeat(32)] }), {
    studio: {
      assets: (file) => {
        asked.push(file);
        return FILES[file];
      },
    },
  });
  return { app, asked };
}

describe('the web studio', () => {
  it('serves its page at / and its files under /studio without credentials', async () => {
    const { app } = studioApp();
    const page = await app.request('/');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html');
    expect(page.headers.get('cache-control')).toBe('no-cache');
    await expect(page.text()).resolves.toContain('<title>Studio</title>');
    const script = await app.request('/studio/app-1a2b.js');
    expect(script.status).toBe(200);
    expect(script.headers.get('cache-control')).toContain('immutable');
    await expect(script.text()).resolves.toBe('console.log(1)');
  });

  it('still guards the API and the docs it used to redirect to', async () => {
    const { app } = studioApp();
    expect((await app.request('/agents')).status).toBe(403);
    expect((await app.request('/docs')).status).toBe(200);
  });

  it('answers 404 for a missing file and never asks for a path outside studio/', async () => {
    const { app, asked } = studioApp();
    expect((await app.request('/studio/nope.js')).status).toBe(404);
    expect((await app.request('/studio/..%2Findex.html')).status).toBe(404);
    expect((await app.request('/studio/.env')).status).toBe(404);
    expect(asked).toEqual(['studio/nope.js']);
  });

  it('documents its routes and drops the redirect to the docs', async () => {
    const { app } = studioApp();
    const document = (await (await app.request('/openapi.json')).json()) as {
      paths: Record<string, Record<string, { operationId: string }>>;
    };
    expect(document.paths['/']?.get?.operationId).toBe('readStudioPage');
    expect(document.paths['/studio/{file}']?.get?.operationId).toBe('readStudioAsset');
  });
});
