import { describe, expect, it } from 'vitest';
import { createMcpToolService, createOpenApiToolService } from '../src/index.js';

const document = { openapi: '3.0.0', info: { title: 't', version: '1' }, paths: {} };

describe('the url a tool service reports', () => {
  it('drops user info and query (API keys) from an OpenAPI base URL and document URL', () => {
    expect(
      createOpenApiToolService({
        name: 'a',
        source: document,
        baseUrl: 'https://user:secret@api.example/v1?api_key=secret#x',
      }).url,
    ).toBe('https://api.example/v1');
    expect(
      createOpenApiToolService({ name: 'b', source: 'https://api.example/openapi.json?key=secret' })
        .url,
    ).toBe('https://api.example/openapi.json');
  });

  it('drops them from an MCP endpoint, and shows a given display url instead of the command', () => {
    expect(
      createMcpToolService({ name: 'c', url: 'http://k:secret@mcp.example/mcp?t=1' }).url,
    ).toBe('http://mcp.example/mcp');
    expect(
      createMcpToolService({
        name: 'd',
        command: 'node',
        args: ['server.js', '--token', 'secret'],
        // biome-ignore lint/suspicious/noTemplateCurlyInString: the services file's placeholder
        displayUrl: 'node server.js --token ${TOKEN}',
      }).url,
    ).not.toContain('secret');
  });
});
