import { createAnthropic } from '@conduct/adapters-anthropic';
import { createOllama } from '@conduct/adapters-ollama';
import { createOpenAI } from '@conduct/adapters-openai';
import type { LanguageModel } from '@conduct/core';
import { CliError } from '../exit-codes.js';

/** The default model of each provider, as `pnpm start` picks them. */
const DEFAULT_MODELS = {
  openai: 'gpt-4.1-mini',
  anthropic: 'claude-sonnet-4-5',
  ollama: 'qwen2.5:7b',
} as const;

/** A model chosen from the environment, and why, for the command's first line. */
export interface EnvModel {
  model: LanguageModel;
  description: string;
}

/**
 * The real model for in-process runs, chosen from the same variables as the server: an
 * `OPENAI_API_KEY` (or `OPENAI_BASE_URL`) → OpenAI; else `ANTHROPIC_API_KEY` → Anthropic; else an
 * Ollama answering at `OLLAMA_HOST`. `CONDUCT_MODEL` picks the model. Per-task routes are the
 * server's business: run against it with `--url` to use them.
 *
 * @throws CliError when none is configured, saying what to set (or to replay a cassette).
 */
export async function modelFromEnv(env: NodeJS.ProcessEnv): Promise<EnvModel> {
  const chosen = nonEmpty(env.CONDUCT_MODEL);
  const openaiKey = nonEmpty(env.OPENAI_API_KEY);
  const openaiUrl = nonEmpty(env.OPENAI_BASE_URL);
  if (openaiKey !== undefined || openaiUrl !== undefined) {
    const id = chosen ?? DEFAULT_MODELS.openai;
    const openai = createOpenAI({
      ...(openaiKey === undefined ? {} : { apiKey: openaiKey }),
      ...(openaiUrl === undefined ? {} : { baseURL: openaiUrl }),
    });
    return { model: openai(id), description: `openai ${id}` };
  }
  const anthropicKey = nonEmpty(env.ANTHROPIC_API_KEY);
  if (anthropicKey !== undefined) {
    const id = chosen ?? DEFAULT_MODELS.anthropic;
    const anthropic = createAnthropic({
      apiKey: anthropicKey,
      ...(nonEmpty(env.ANTHROPIC_BASE_URL) === undefined
        ? {}
        : { baseURL: nonEmpty(env.ANTHROPIC_BASE_URL) }),
    });
    return { model: anthropic.languageModel(id), description: `anthropic ${id}` };
  }
  const host = nonEmpty(env.OLLAMA_HOST) ?? '127.0.0.1:11434';
  const ollama = createOllama({ host });
  if (await ollama.isReachable({ timeoutMs: 1000 })) {
    const id = chosen ?? DEFAULT_MODELS.ollama;
    return { model: ollama.languageModel(id), description: `ollama ${id} at ${host}` };
  }
  throw new CliError(
    `No language model is configured: set OPENAI_API_KEY (or OPENAI_BASE_URL), or ANTHROPIC_API_KEY, or start Ollama (OLLAMA_HOST, now ${host}); CONDUCT_MODEL picks the model. Or replay a cassette (--cassette <file> --replay), or run against a server (--url).`,
  );
}

/** The real model of `io`: the one it was given, else the environment's. */
export function realModel(io: {
  env: NodeJS.ProcessEnv;
  realModel?: () => Promise<EnvModel>;
}): Promise<EnvModel> {
  return io.realModel?.() ?? modelFromEnv(io.env);
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}
