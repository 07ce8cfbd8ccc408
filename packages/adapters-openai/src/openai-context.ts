import { ConfigurationError } from '@conduct/core';
import OpenAI from 'openai';
import type { OpenAIProviderOptions } from './openai-options.js';

/** State and services one provider instance shares with all its models. */
export interface OpenAIContext {
  readonly name: string;
  readonly options: OpenAIProviderOptions;
  /** The SDK client, created at the first call (env vars are read then). */
  client(): OpenAI;
  /** Set once a server rejected `json_schema` in `auto` mode; later calls use JSON mode. */
  jsonSchemaRejected: boolean;
}

/** Builds the {@link OpenAIContext} of one `createOpenAI` call. */
export function createOpenAIContext(options: OpenAIProviderOptions): OpenAIContext {
  const name = options.name ?? 'openai';
  let client: OpenAI | undefined;

  return {
    name,
    options,
    jsonSchemaRejected: false,
    client() {
      client ??= createClient(options, name);
      return client;
    },
  };
}

function createClient(options: OpenAIProviderOptions, name: string): OpenAI {
  const apiKey = options.apiKey ?? readEnv('OPENAI_API_KEY');
  const baseURL = options.baseURL ?? readEnv('OPENAI_BASE_URL');
  if (!apiKey && !baseURL) {
    throw new ConfigurationError(
      `No API key for the '${name}' provider: set the OPENAI_API_KEY environment variable or pass \`apiKey\` to createOpenAI(). (A local OpenAI-compatible server without keys needs only \`baseURL\` or OPENAI_BASE_URL.)`,
    );
  }
  return new OpenAI({
    // The SDK insists on a key; keyless local servers get a placeholder and no auth header.
    apiKey: apiKey || 'no-key',
    ...(baseURL ? { baseURL } : {}),
    ...(options.organization ? { organization: options.organization } : {}),
    ...(options.project ? { project: options.project } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
    // Retries go through core's withRetries so every vendor backs off the same way.
    maxRetries: 0,
    defaultHeaders: { ...options.headers, ...(apiKey ? {} : { Authorization: null }) },
  });
}

function readEnv(name: string): string | undefined {
  const value = typeof process === 'undefined' ? undefined : process.env[name]?.trim();
  return value === '' ? undefined : value;
}
