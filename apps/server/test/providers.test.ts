import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConfigurationError } from '@conduct/core';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { loadConfig, NO_PROVIDER_MESSAGE, selectProvider } from '../src/index.js';
import { describeModels, describeStore } from '../src/summary.js';
import { closedPort } from './http-client.js';

const fastProbe = { ollamaTimeoutMs: 500 };

async function unreachableOllama(): Promise<string> {
  return `127.0.0.1:${await closedPort()}`;
}

describe('selectProvider', () => {
  const servers: { close(): void }[] = [];
  afterAll(() => {
    for (const server of servers) server.close();
  });

  it('picks OpenAI when OPENAI_API_KEY is set, with its default model', async () => {
    const selection = await selectProvider(
      loadConfig({ OPENAI_API_KEY: 'sk-test', ANTHROPIC_API_KEY: 'sk-ant-test' }),
      fastProbe,
    );
    expect(selection).toMatchObject({
      provider: 'openai',
      modelId: 'gpt-4.1-mini',
      reason: 'OPENAI_API_KEY is set',
    });
    expect(selection.model.chainFor('compose')[0]).toMatchObject({
      provider: 'openai',
      modelId: 'gpt-4.1-mini',
    });
  });

  it('picks an OpenAI-compatible server from OPENAI_BASE_URL alone', async () => {
    const selection = await selectProvider(
      loadConfig({ OPENAI_BASE_URL: 'http://127.0.0.1:9/v1' }),
      fastProbe,
    );
    expect(selection.provider).toBe('openai');
  });

  it('picks Anthropic when only ANTHROPIC_API_KEY is set, honouring CONDUCT_MODEL', async () => {
    const selection = await selectProvider(
      loadConfig({ ANTHROPIC_API_KEY: 'sk-ant-test', CONDUCT_MODEL: 'claude-haiku-4-5' }),
      fastProbe,
    );
    expect(selection).toMatchObject({ provider: 'anthropic', modelId: 'claude-haiku-4-5' });
    expect(selection.model.chainFor('actionable')[0]?.provider).toBe('anthropic');
  });

  it('picks a reachable Ollama when there is no key', async () => {
    const ollama = createServer((req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        req.url === '/api/tags'
          ? JSON.stringify({ models: [] })
          : JSON.stringify({ version: '0.9.0' }),
      );
    });
    servers.push(ollama);
    await new Promise<void>((resolve) => ollama.listen(0, '127.0.0.1', resolve));
    const { port } = ollama.address() as AddressInfo;
    const selection = await selectProvider(
      loadConfig({ OLLAMA_HOST: `127.0.0.1:${port}` }),
      fastProbe,
    );
    expect(selection).toMatchObject({ provider: 'ollama', modelId: 'qwen2.5:7b' });
    expect(selection.warnings).toEqual([
      "Ollama has no model 'qwen2.5:7b' installed: run `ollama pull qwen2.5:7b`",
    ]);
  });

  it('falls back to a model that says what to configure when nothing is available', async () => {
    const selection = await selectProvider(
      loadConfig({ OLLAMA_HOST: await unreachableOllama() }),
      fastProbe,
    );
    expect(selection.provider).toBe('none');
    const call = selection.model.generateObject({
      task: 'actionable',
      messages: [],
      schema: z.object({}),
    });
    await expect(call).rejects.toSatisfy((error) => ConfigurationError.is(error));
    await expect(call).rejects.toThrow(NO_PROVIDER_MESSAGE);
    const stream = selection.model.streamText({ task: 'compose', messages: [] });
    await expect(stream.result).rejects.toThrow(/OPENAI_API_KEY.*ANTHROPIC_API_KEY.*OLLAMA_HOST/);
  });

  it('routes CONDUCT_TASK_MODELS overrides, to another provider when prefixed', async () => {
    const selection = await selectProvider(
      loadConfig({
        OPENAI_API_KEY: 'sk-test',
        ANTHROPIC_API_KEY: 'sk-ant-test',
        CONDUCT_TASK_MODELS: 'low-criticality=gpt-4.1-nano,compose=anthropic:claude-sonnet-4-5',
      }),
      fastProbe,
    );
    expect(selection.routes).toEqual({
      'low-criticality': 'openai:gpt-4.1-nano',
      compose: 'anthropic:claude-sonnet-4-5',
    });
    expect(selection.model.chainFor('low-criticality')[0]?.modelId).toBe('gpt-4.1-nano');
    expect(selection.model.chainFor('compose')[0]?.provider).toBe('anthropic');
    expect(selection.model.chainFor('actionable')[0]?.modelId).toBe('gpt-4.1-mini');
  });

  it('marks the routes of CONDUCT_SMALL_TASKS small, with or without an override', async () => {
    const selection = await selectProvider(
      loadConfig({
        OPENAI_API_KEY: 'sk-test',
        CONDUCT_TASK_MODELS: 'actionable=gpt-4.1-nano,compose=gpt-4.1',
        CONDUCT_SMALL_TASKS: 'actionable,observation',
      }),
      fastProbe,
    );
    expect(selection.routes).toEqual({
      actionable: 'openai:gpt-4.1-nano (small)',
      compose: 'openai:gpt-4.1',
      observation: 'openai:gpt-4.1-mini (small)',
    });
    expect(
      ['actionable', 'observation', 'compose', 'reapply'].map((task) =>
        selection.model.isSmall(task),
      ),
    ).toEqual([true, true, false, false]);
    expect(selection.model.chainFor('actionable')[0]?.modelId).toBe('gpt-4.1-nano');
    expect(selection.model.chainFor('observation')[0]?.modelId).toBe('gpt-4.1-mini');
  });

  it('refuses an override whose provider has no credentials', async () => {
    const config = loadConfig({
      OPENAI_API_KEY: 'sk-test',
      CONDUCT_TASK_MODELS: 'compose=anthropic:claude-sonnet-4-5',
    });
    await expect(selectProvider(config, fastProbe)).rejects.toThrow(
      'CONDUCT_TASK_MODELS routes a task to anthropic, but ANTHROPIC_API_KEY is not set',
    );
  });

  it('describes the choice for the start log without secrets', async () => {
    const config = loadConfig({
      OPENAI_API_KEY: 'sk-secret-key',
      OPENAI_BASE_URL: 'https://proxy:hunter2@llm.example.com/v1?token=abc',
      DATABASE_URL: 'postgres://conduct:db-password@db:5432/conduct',
      CONDUCT_TASK_MODELS: 'observation=gpt-4.1-nano',
    });
    const lines = [
      ...describeModels(await selectProvider(config, fastProbe)),
      describeStore(config),
    ];
    expect(lines).toEqual([
      'model: openai:gpt-4.1-mini at https://proxy:***@llm.example.com/v1?*** (OPENAI_API_KEY is set)',
      '  task observation → openai:gpt-4.1-nano',
      'PostgreSQL at postgres://conduct:***@db:5432/conduct',
    ]);
  });
});
