import { createAnthropic } from '@conduct/adapters-anthropic';
import { createOllama, type OllamaProvider } from '@conduct/adapters-ollama';
import { createOpenAI } from '@conduct/adapters-openai';
import {
  ConfigurationError,
  createModelRouter,
  type LanguageModel,
  type ModelRoute,
  type ModelRouter,
} from '@conduct/core';
import type { ServerConfig } from './config.js';
import type { ProviderName } from './task-models.js';
import { createUnconfiguredModel } from './unconfigured-model.js';

/** The model each provider uses when `CONDUCT_MODEL` is not set. */
export const DEFAULT_MODELS: Readonly<Record<ProviderName, string>> = {
  openai: 'gpt-4.1-mini',
  anthropic: 'claude-sonnet-4-5',
  ollama: 'qwen2.5:7b',
};

/** The outcome of {@link selectProvider}. */
export interface ModelSelection {
  /**
   * The provider serving every task without an override; `none` when nothing is configured;
   * `given` for a model passed to `startServer`.
   */
  provider: ProviderName | 'none' | 'given';
  /** Default model id (`none` without a provider). */
  modelId: string;
  /** What the engine calls: a router over the default model and the per-task overrides. */
  model: ModelRouter;
  /** Why this provider was chosen, for the start log. */
  reason: string;
  /** Where the default model is served (may carry credentials: redact before logging). */
  endpoint?: string;
  /** Per-task routes as `task → provider:model`, `(small)` when marked small, for the start log. */
  routes: Record<string, string>;
  /** Things worth telling the operator (e.g. an Ollama model that is not installed). */
  warnings: string[];
}

/** Options of {@link selectProvider}. */
export interface SelectProviderOptions {
  /** How long to wait for Ollama to answer. Default 1000 ms. */
  ollamaTimeoutMs?: number;
}

/**
 * Picks the provider from the configuration: an OpenAI key (or an OpenAI-compatible base URL)
 * → OpenAI; else an Anthropic key → Anthropic; else a reachable Ollama → Ollama; else none,
 * with a model whose every call fails with a `ConfigurationError` that says what to set.
 * `CONDUCT_TASK_MODELS` overrides are routed on top, and the routes of `CONDUCT_SMALL_TASKS` are
 * marked small.
 *
 * @throws ConfigurationError when an override names a provider that is not configured.
 */
export async function selectProvider(
  config: ServerConfig,
  options: SelectProviderOptions = {},
): Promise<ModelSelection> {
  const vendors = vendorFactory(config);
  const warnings: string[] = [];
  let provider: ProviderName | 'none' = 'none';
  let reason = 'no OPENAI_API_KEY, OPENAI_BASE_URL or ANTHROPIC_API_KEY, and no Ollama';
  if (config.openai.apiKey !== undefined) {
    [provider, reason] = ['openai', 'OPENAI_API_KEY is set'];
  } else if (config.openai.baseURL !== undefined) {
    [provider, reason] = ['openai', 'OPENAI_BASE_URL is set'];
  } else if (config.anthropic.apiKey !== undefined) {
    [provider, reason] = ['anthropic', 'ANTHROPIC_API_KEY is set'];
  } else if (await vendors.ollama().isReachable({ timeoutMs: options.ollamaTimeoutMs ?? 1000 })) {
    [provider, reason] = ['ollama', 'Ollama answered'];
  } else {
    reason += ` at ${config.ollamaHost}`;
  }

  const modelId = provider === 'none' ? 'none' : (config.model ?? DEFAULT_MODELS[provider]);
  const fallback = provider === 'none' ? createUnconfiguredModel() : undefined;
  const build = (vendor: ProviderName | 'none', id: string): LanguageModel =>
    vendor === 'none' ? fallback! : vendors.model(vendor, id);

  const tasks: Record<string, ModelRoute> = {};
  const routes: Record<string, string> = {};
  const small = new Set(config.smallTasks);
  const addRoute = (task: string, vendor: ProviderName | 'none', id: string) => {
    const model = build(vendor, id);
    tasks[task] = small.has(task) ? { model, small: true } : model;
    routes[task] = `${vendor}:${id}${small.has(task) ? ' (small)' : ''}`;
  };
  for (const override of config.taskModels) {
    addRoute(override.task, override.provider ?? provider, override.model);
  }
  // A small task without an override of its own gets the default model, marked small.
  for (const task of small) {
    if (tasks[task] === undefined && provider !== 'none') addRoute(task, provider, modelId);
  }
  if (provider === 'ollama' || Object.values(routes).some((route) => route.startsWith('ollama:'))) {
    warnings.push(...(await missingOllamaModels(vendors.ollama(), provider, modelId, config)));
  }
  const model = createModelRouter({
    default: build(provider, modelId),
    tasks,
    ...(config.taskTimeouts === undefined ? {} : { timeouts: config.taskTimeouts }),
    ...(config.hedging === undefined ? {} : { hedging: config.hedging }),
  });
  const endpoint = endpointOf(provider, config);
  return {
    provider,
    modelId,
    model,
    reason,
    ...(endpoint === undefined ? {} : { endpoint }),
    routes,
    warnings,
  };
}

/** Creates each vendor's provider once, on first use, from the configuration. */
function vendorFactory(config: ServerConfig) {
  let ollama: OllamaProvider | undefined;
  const cache = new Map<ProviderName, (id: string) => LanguageModel>();
  const ollamaProvider = () => {
    ollama ??= createOllama({ host: config.ollamaHost });
    return ollama;
  };
  const create = (vendor: ProviderName): ((id: string) => LanguageModel) => {
    if (vendor === 'openai') {
      if (config.openai.apiKey === undefined && config.openai.baseURL === undefined) {
        throw notConfigured('openai', 'OPENAI_API_KEY (or OPENAI_BASE_URL)');
      }
      return createOpenAI(config.openai);
    }
    if (vendor === 'anthropic') {
      if (config.anthropic.apiKey === undefined)
        throw notConfigured('anthropic', 'ANTHROPIC_API_KEY');
      const anthropic = createAnthropic(config.anthropic);
      return (id) => anthropic.languageModel(id);
    }
    const local = ollamaProvider();
    return (id) => local.languageModel(id);
  };
  return {
    ollama: ollamaProvider,
    model(vendor: ProviderName, id: string): LanguageModel {
      let factory = cache.get(vendor);
      if (factory === undefined) {
        factory = create(vendor);
        cache.set(vendor, factory);
      }
      return factory(id);
    },
  };
}

async function missingOllamaModels(
  ollama: OllamaProvider,
  provider: ProviderName | 'none',
  modelId: string,
  config: ServerConfig,
): Promise<string[]> {
  const wanted = new Set(
    config.taskModels
      .filter((route) => (route.provider ?? provider) === 'ollama')
      .map((route) => route.model),
  );
  if (provider === 'ollama') wanted.add(modelId);
  try {
    const installed = new Set((await ollama.listModels({ timeoutMs: 2000 })).map((m) => m.name));
    return [...wanted]
      .filter((id) => !installed.has(id) && !installed.has(`${id}:latest`))
      .map((id) => `Ollama has no model '${id}' installed: run \`ollama pull ${id}\``);
  } catch {
    // Only a hint; a turn will report the real error if Ollama is really unusable.
    return [];
  }
}

function endpointOf(provider: ProviderName | 'none', config: ServerConfig): string | undefined {
  if (provider === 'openai') return config.openai.baseURL ?? 'https://api.openai.com/v1';
  if (provider === 'anthropic') return config.anthropic.baseURL ?? 'https://api.anthropic.com';
  return provider === 'ollama' ? config.ollamaHost : undefined;
}

function notConfigured(vendor: ProviderName, variable: string): ConfigurationError {
  return new ConfigurationError(
    `CONDUCT_TASK_MODELS routes a task to ${vendor}, but ${variable} is not set`,
  );
}
