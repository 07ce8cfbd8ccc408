import { ConfigurationError, DEFAULT_TASK_TIMEOUTS } from '@conduct/core';
import { describe, expect, it } from 'vitest';
import {
  EXAMPLE_AGENT_MODULE,
  loadConfig,
  parseSmallTasks,
  parseTaskModels,
  TASK_NAMES,
} from '../src/index.js';

const cwd = '/srv/app';

function configError(env: Record<string, string>): string {
  try {
    loadConfig(env, { cwd });
  } catch (error) {
    expect(ConfigurationError.is(error)).toBe(true);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigurationError');
}

describe('loadConfig', () => {
  it('has embedded defaults: loopback:8800, PGlite in .conduct-data, the example agent', () => {
    expect(loadConfig({}, { cwd })).toEqual({
      port: 8800,
      host: '127.0.0.1',
      auth: 'dev',
      apiKeys: [],
      dataDir: '/srv/app/.conduct-data',
      openai: {},
      anthropic: {},
      ollamaHost: 'http://127.0.0.1:11434',
      taskModels: [],
      smallTasks: [],
      agentModules: [EXAMPLE_AGENT_MODULE],
      serviceHosts: [],
      unfinishedTurns: 'resume',
      orphanAgents: 'read-only',
      unevaluated: { onHighCriticality: 'fail' },
    });
  });

  it('reads CONDUCT_SERVICE_HOSTS as a comma-separated list', () => {
    expect(
      loadConfig({ CONDUCT_SERVICE_HOSTS: ' tools.internal , 127.0.0.1,' }, { cwd }).serviceHosts,
    ).toEqual(['tools.internal', '127.0.0.1']);
  });

  it('reads CONDUCT_ORPHAN_AGENTS, and names the modes of a wrong one', () => {
    expect(loadConfig({ CONDUCT_ORPHAN_AGENTS: 'serve' }, { cwd }).orphanAgents).toBe('serve');
    expect(configError({ CONDUCT_ORPHAN_AGENTS: 'hide' })).toContain(
      "CONDUCT_ORPHAN_AGENTS: 'hide' is not a mode; use read-only",
    );
  });

  it('reads CONDUCT_TRUSTED_PROXIES, and stops at an entry that is not an address or range', () => {
    expect(loadConfig({}, { cwd }).trustedProxies).toBeUndefined();
    expect(
      loadConfig({ CONDUCT_TRUSTED_PROXIES: ' 10.0.0.0/8 , ::1,::ffff:127.0.0.1,' }, { cwd })
        .trustedProxies,
    ).toEqual(['10.0.0.0/8', '::1', '::ffff:127.0.0.1']);
    const message = configError({
      CONDUCT_TRUSTED_PROXIES: '10.0.0.0/8,proxy.internal,10.0.0.0/40',
    });
    expect(message).toContain('CONDUCT_TRUSTED_PROXIES');
    expect(message).toContain("'proxy.internal', '10.0.0.0/40'");
  });

  it('reads what an unevaluated high-criticality guideline does, and checks the pair', () => {
    const read = (env: Record<string, string>) => loadConfig(env, { cwd }).unevaluated;
    expect(read({ CONDUCT_UNEVALUATED: 'continue' })).toEqual({ onHighCriticality: 'continue' });
    expect(
      read({ CONDUCT_UNEVALUATED: 'fallback', CONDUCT_UNEVALUATED_FALLBACK: ' One moment. ' }),
    ).toEqual({ onHighCriticality: 'fallback', fallbackMessage: 'One moment.' });
    expect(configError({ CONDUCT_UNEVALUATED: 'ignore' })).toMatch(
      /CONDUCT_UNEVALUATED: 'ignore' is not a mode; use fail .*, fallback .* or continue/,
    );
    expect(configError({ CONDUCT_UNEVALUATED: 'fallback' })).toMatch(
      /CONDUCT_UNEVALUATED_FALLBACK: CONDUCT_UNEVALUATED=fallback needs the reply to send/,
    );
    expect(configError({ CONDUCT_UNEVALUATED_FALLBACK: 'One moment.' })).toMatch(
      /CONDUCT_UNEVALUATED_FALLBACK: only used with CONDUCT_UNEVALUATED=fallback \(it is 'fail'\)/,
    );
  });

  it('reads what to do with unfinished turns, and rejects an unknown mode', () => {
    expect(loadConfig({ CONDUCT_UNFINISHED_TURNS: 'mark' }, { cwd }).unfinishedTurns).toBe('mark');
    expect(() => loadConfig({ CONDUCT_UNFINISHED_TURNS: 'retry' }, { cwd })).toThrow(
      /CONDUCT_UNFINISHED_TURNS: 'retry' is not a mode; use resume/,
    );
  });

  it('reads how old an unfinished turn may be to resume, and how many recover at once', () => {
    const read = (env: Record<string, string>) => {
      const config = loadConfig(env, { cwd });
      return [config.unfinishedTurnsMaxAgeMs, config.unfinishedTurnsConcurrency];
    };
    expect(read({})).toEqual([undefined, undefined]);
    expect(read({ CONDUCT_UNFINISHED_TURNS_MAX_AGE: '90s' })[0]).toBe(90_000);
    expect(read({ CONDUCT_UNFINISHED_TURNS_MAX_AGE: '30m' })[0]).toBe(1_800_000);
    expect(read({ CONDUCT_UNFINISHED_TURNS_MAX_AGE: '7d' })[0]).toBe(604_800_000);
    expect(read({ CONDUCT_UNFINISHED_TURNS_MAX_AGE: 'none' })[0]).toBe(Number.POSITIVE_INFINITY);
    expect(read({ CONDUCT_UNFINISHED_TURNS_CONCURRENCY: '8' })[1]).toBe(8);
    expect(configError({ CONDUCT_UNFINISHED_TURNS_MAX_AGE: '24' })).toMatch(
      /CONDUCT_UNFINISHED_TURNS_MAX_AGE: must be a duration such as 90s, 30m, 24h or 7d, or none \(got '24'\)/,
    );
    expect(configError({ CONDUCT_UNFINISHED_TURNS_CONCURRENCY: '0' })).toMatch(
      /CONDUCT_UNFINISHED_TURNS_CONCURRENCY: must be a whole number >= 1 \(got '0'\)/,
    );
  });

  it('reads every variable, treating empty ones as unset', () => {
    const config = loadConfig(
      {
        PORT: '9000',
        HOST: 'localhost',
        DATABASE_URL: 'postgres://conduct:secret@db:5432/conduct',
        CONDUCT_DATA_DIR: 'data',
        OPENAI_API_KEY: 'sk-1',
        OPENAI_BASE_URL: 'http://127.0.0.1:8000/v1',
        ANTHROPIC_API_KEY: '',
        OLLAMA_HOST: 'gpu-box',
        CONDUCT_MODEL: 'gpt-4.1',
        CONDUCT_AGENTS: 'agents/a.ts, /abs/b.ts',
      },
      { cwd },
    );
    expect(config).toMatchObject({
      port: 9000,
      host: 'localhost',
      databaseUrl: 'postgres://conduct:secret@db:5432/conduct',
      dataDir: '/srv/app/data',
      openai: { apiKey: 'sk-1', baseURL: 'http://127.0.0.1:8000/v1' },
      anthropic: {},
      ollamaHost: 'http://gpu-box:11434',
      model: 'gpt-4.1',
      agentModules: ['/srv/app/agents/a.ts', '/abs/b.ts'],
    });
  });

  it('resolves relative paths against INIT_CWD (where `pnpm start` was run)', () => {
    expect(loadConfig({ INIT_CWD: '/home/me/project' }).dataDir).toBe(
      '/home/me/project/.conduct-data',
    );
  });

  it('passes PGlite URLs such as memory:// through', () => {
    expect(loadConfig({ CONDUCT_DATA_DIR: 'memory://' }, { cwd }).dataDir).toBe('memory://');
  });

  it.each(['abc', '-1', '70000', '80.5'])('rejects PORT=%s with a clear message', (port) => {
    expect(configError({ PORT: port })).toContain(
      `PORT: must be a whole number from 0 to 65535 (got '${port}')`,
    );
  });

  it('lists every invalid variable at once', () => {
    const message = configError({
      PORT: 'x',
      OPENAI_BASE_URL: 'ftp://nope',
      DATABASE_URL: 'mysql://db',
    });
    expect(message).toMatch(/PORT: /);
    expect(message).toMatch(/OPENAI_BASE_URL: must be an http\(s\) URL/);
    expect(message).toMatch(/DATABASE_URL: must be a postgres:\/\/ or postgresql:\/\/ URL/);
  });

  it.each(['0.0.0.0', '192.168.1.20', 'example.com', '::'])(
    'refuses HOST=%s in dev mode',
    (host) => {
      const message = configError({ HOST: host });
      expect(message).toContain('CONDUCT_AUTH=dev');
      expect(message).toContain('loopback');
      expect(message).toContain(`got '${host}'`);
    },
  );

  it.each(['127.0.0.1', '127.0.0.2', 'localhost', '::1'])(
    'accepts the loopback HOST=%s',
    (host) => {
      expect(loadConfig({ HOST: host }, { cwd }).host).toBe(host);
    },
  );

  it('binds to ::1 when HOST is written URL-style as [::1]', () => {
    expect(loadConfig({ HOST: '[::1]' }, { cwd }).host).toBe('::1');
  });

  it('refuses an unknown auth mode', () => {
    expect(configError({ CONDUCT_AUTH: 'open' })).toContain(
      "CONDUCT_AUTH: 'open' is not a mode; use dev",
    );
  });

  it('needs API keys in api-key mode', () => {
    const message = configError({ CONDUCT_AUTH: 'api-key', HOST: '0.0.0.0' });
    expect(message).toContain('CONDUCT_API_KEYS: CONDUCT_AUTH=api-key needs at least one API key');
  });

  it('reads api-key mode with keys and a token secret, on any interface', () => {
    const secret = 's'.repeat(32);
    const config = loadConfig(
      {
        CONDUCT_AUTH: 'api-key',
        HOST: '0.0.0.0',
        CONDUCT_API_KEYS: ' key-one, key-two ,',
        CONDUCT_TOKEN_SECRET: secret,
      },
      { cwd },
    );
    expect(config).toMatchObject({
      auth: 'api-key',
      host: '0.0.0.0',
      apiKeys: ['key-one', 'key-two'],
      tokenSecret: secret,
    });
  });

  it('reads public mode, with or without API keys', () => {
    expect(loadConfig({ CONDUCT_AUTH: 'public', HOST: '0.0.0.0' }, { cwd })).toMatchObject({
      auth: 'public',
      apiKeys: [],
    });
    expect(loadConfig({ CONDUCT_AUTH: 'public', CONDUCT_API_KEYS: 'k' }, { cwd }).apiKeys).toEqual([
      'k',
    ]);
  });

  it('refuses a short token secret without echoing it', () => {
    const message = configError({ CONDUCT_AUTH: 'public', CONDUCT_TOKEN_SECRET: 'tiny-secret' });
    expect(message).toContain('CONDUCT_TOKEN_SECRET: must be at least 32 characters');
    expect(message).not.toContain('tiny-secret');
  });

  it('reports a bad OLLAMA_HOST by name', () => {
    expect(configError({ OLLAMA_HOST: 'ftp://x' })).toContain('OLLAMA_HOST: Invalid Ollama host');
  });
});

describe('CONDUCT_TASK_MODELS', () => {
  it('parses task=model pairs, with an optional provider prefix', () => {
    expect(
      parseTaskModels(
        'low-criticality=gpt-4.1-nano, observation=ollama:qwen2.5:7b,compose=anthropic:claude-sonnet-4-5,tool-call=qwen2.5:7b',
      ),
    ).toEqual([
      { task: 'low-criticality', model: 'gpt-4.1-nano' },
      { task: 'observation', provider: 'ollama', model: 'qwen2.5:7b' },
      { task: 'compose', provider: 'anthropic', model: 'claude-sonnet-4-5' },
      // Not a provider name, so the colon belongs to the (Ollama-style) model id.
      { task: 'tool-call', model: 'qwen2.5:7b' },
    ]);
    expect(loadConfig({ CONDUCT_TASK_MODELS: 'compose=gpt-4.1' }, { cwd }).taskModels).toEqual([
      { task: 'compose', model: 'gpt-4.1' },
    ]);
  });

  it('accepts every task the engine calls a model for, journey steps and canned responses included', () => {
    expect(TASK_NAMES).toEqual(expect.arrayContaining(Object.keys(DEFAULT_TASK_TIMEOUTS)));
    expect(
      parseTaskModels('journey-step=gpt-4.1-nano,canned-select=gpt-4.1,canned-fields=gpt-4.1-nano'),
    ).toEqual([
      { task: 'journey-step', model: 'gpt-4.1-nano' },
      { task: 'canned-select', model: 'gpt-4.1' },
      { task: 'canned-fields', model: 'gpt-4.1-nano' },
    ]);
  });

  it.each([
    ['compose', "'compose' is not of the form task=model"],
    ['compose=', "'compose=' is not of the form task=model"],
    ['composer=gpt-4.1', "unknown task 'composer'; tasks are"],
    ['compose=a,compose=b', "task 'compose' is given twice"],
    ['compose=openai:', "'compose=openai:' names a provider but no model"],
  ])('rejects %s', (value, reason) => {
    expect(configError({ CONDUCT_TASK_MODELS: value })).toContain(
      `Invalid CONDUCT_TASK_MODELS: ${reason}`,
    );
  });
});

describe('CONDUCT_SMALL_TASKS', () => {
  it('lists the tasks whose model is small', () => {
    expect(parseSmallTasks(' actionable, observation ,')).toEqual(['actionable', 'observation']);
    expect(loadConfig({ CONDUCT_SMALL_TASKS: 'journey-step' }, { cwd }).smallTasks).toEqual([
      'journey-step',
    ]);
  });

  it.each([
    ['actionabel', "unknown task 'actionabel'; tasks are"],
    ['reapply,reapply', "task 'reapply' is given twice"],
  ])('rejects %s', (value, reason) => {
    expect(configError({ CONDUCT_SMALL_TASKS: value })).toContain(
      `Invalid CONDUCT_SMALL_TASKS: ${reason}`,
    );
  });
});
