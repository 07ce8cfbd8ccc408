import {
  CANNED_FIELDS_TASK,
  CANNED_PREAMBLE_TASK,
  CANNED_RESTYLE_TASK,
  CANNED_SELECT_TASK,
  CANNED_STRICT_TASK,
  COMPOSE_TASK,
  ConfigurationError,
  PREAMBLE_TASK,
  TOOL_CALL_TASK,
} from '@conduct/core';
import {
  CLASSIFY_GUIDELINE_TASK,
  JOURNEY_STEP_TASK,
  MATCHING_TASK_NAMES,
  RESPONSE_ANALYSIS_TASK,
} from '@conduct/matchers';

/** The model vendors the server can talk to. */
export const PROVIDER_NAMES = ['openai', 'anthropic', 'ollama'] as const;

/** A model vendor the server can talk to. */
export type ProviderName = (typeof PROVIDER_NAMES)[number];

/** Every task name the engine and matchers call models with (the routing keys). */
export const TASK_NAMES: readonly string[] = [
  ...MATCHING_TASK_NAMES,
  JOURNEY_STEP_TASK,
  TOOL_CALL_TASK,
  COMPOSE_TASK,
  PREAMBLE_TASK,
  CANNED_SELECT_TASK,
  CANNED_STRICT_TASK,
  CANNED_FIELDS_TASK,
  CANNED_RESTYLE_TASK,
  CANNED_PREAMBLE_TASK,
  RESPONSE_ANALYSIS_TASK,
  CLASSIFY_GUIDELINE_TASK,
];

/** One per-task override from `CONDUCT_TASK_MODELS`. */
export interface TaskModel {
  /** Task name, e.g. `low-criticality`. */
  task: string;
  /** Vendor to use; omitted means the provider the server selected. */
  provider?: ProviderName;
  /** Model id, e.g. `gpt-4.1-nano` or `qwen2.5:7b`. */
  model: string;
}

/**
 * Parses `CONDUCT_TASK_MODELS`: comma-separated `task=model` pairs, where `model` may carry a
 * provider prefix, `provider:model` (`openai`, `anthropic` or `ollama`), e.g.
 * `low-criticality=gpt-4.1-nano,compose=anthropic:claude-sonnet-4-5,observation=ollama:qwen2.5:7b`.
 * Only a known provider name counts as a prefix, so Ollama ids such as `qwen2.5:7b` stay whole.
 *
 * @throws ConfigurationError naming the offending pair.
 */
export function parseTaskModels(value: string | undefined): TaskModel[] {
  if (value === undefined || value.trim() === '') return [];
  const seen = new Set<string>();
  const result: TaskModel[] = [];
  for (const raw of value.split(',')) {
    const pair = raw.trim();
    if (pair === '') continue;
    const equals = pair.indexOf('=');
    const task = equals < 0 ? '' : pair.slice(0, equals).trim();
    const target = equals < 0 ? '' : pair.slice(equals + 1).trim();
    if (task === '' || target === '') {
      throw invalid(`'${pair}' is not of the form task=model (e.g. low-criticality=gpt-4.1-nano)`);
    }
    if (!TASK_NAMES.includes(task)) {
      throw invalid(`unknown task '${task}'; tasks are ${TASK_NAMES.join(', ')}`);
    }
    if (seen.has(task)) throw invalid(`task '${task}' is given twice`);
    seen.add(task);
    result.push({ task, ...splitProvider(target, pair) });
  }
  return result;
}

/**
 * Parses `CONDUCT_SMALL_TASKS`: comma-separated task names whose model is small (its
 * `CONDUCT_TASK_MODELS` override, else the default model). The engine asks a small model simpler
 * questions for those tasks (e.g. a verdict for every item), as a router route marked
 * `small: true` does.
 *
 * @throws ConfigurationError naming an unknown or repeated task.
 */
export function parseSmallTasks(value: string | undefined): string[] {
  const result: string[] = [];
  for (const raw of (value ?? '').split(',')) {
    const task = raw.trim();
    if (task === '') continue;
    if (!TASK_NAMES.includes(task)) {
      throw new ConfigurationError(
        `Invalid CONDUCT_SMALL_TASKS: unknown task '${task}'; tasks are ${TASK_NAMES.join(', ')}`,
      );
    }
    if (result.includes(task)) {
      throw new ConfigurationError(`Invalid CONDUCT_SMALL_TASKS: task '${task}' is given twice`);
    }
    result.push(task);
  }
  return result;
}

function splitProvider(target: string, pair: string): { provider?: ProviderName; model: string } {
  const colon = target.indexOf(':');
  const prefix = colon < 0 ? '' : target.slice(0, colon);
  if (!(PROVIDER_NAMES as readonly string[]).includes(prefix)) return { model: target };
  const model = target.slice(colon + 1).trim();
  if (model === '') throw invalid(`'${pair}' names a provider but no model`);
  return { provider: prefix as ProviderName, model };
}

function invalid(reason: string): ConfigurationError {
  return new ConfigurationError(`Invalid CONDUCT_TASK_MODELS: ${reason}`);
}
