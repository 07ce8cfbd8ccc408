import { createOpenAI } from '@conduct/adapters-openai';
import { type ConductAppOptions, createModelJailbreakDetector } from '@conduct/http';
import { studioAssets } from '@conduct/studio';
import { authPolicyFor } from './auth-policy.js';
import type { ServerConfig } from './config.js';
import { swaggerUiAssets } from './docs-assets.js';
import type { ModelSelection } from './providers.js';

/** How `/docs` and `/openapi.json` are served (`CONDUCT_API_DOCS`). */
export const API_DOCS_MODES = ['public', 'protected', 'off'] as const;

/** One of {@link API_DOCS_MODES}. */
export type ApiDocsMode = (typeof API_DOCS_MODES)[number];

type AppConfig = Pick<
  ServerConfig,
  'auth' | 'apiKeys' | 'tokenSecret' | 'openai' | 'corsOrigins' | 'apiDocs' | 'trustedProxies'
>;

/**
 * The options of the REST app for a configuration: the auth policy, CORS, trusted proxies, the docs page (with
 * Swagger UI served from the installed package), the web studio at `/` and moderation — OpenAI's moderator when an
 * OpenAI key is set, and the model-based jailbreak check whenever a provider is configured.
 */
export function appOptionsFor(
  config: AppConfig,
  selection: Pick<ModelSelection, 'provider' | 'model'>,
): Omit<ConductAppOptions, 'conduct'> {
  const docsMode = config.apiDocs ?? (config.auth === 'public' ? 'protected' : 'public');
  const moderator =
    config.openai.apiKey === undefined ? undefined : createOpenAI(config.openai).moderator();
  const jailbreakDetector =
    selection.provider === 'none' ? undefined : createModelJailbreakDetector(selection.model);
  return {
    auth: authPolicyFor({ ...config, publicDocs: docsMode === 'public' }),
    ...(config.corsOrigins === undefined ? {} : { corsOrigins: config.corsOrigins }),
    ...(config.trustedProxies === undefined ? {} : { trustedProxies: config.trustedProxies }),
    docs: docsMode === 'off' ? false : { assets: swaggerUiAssets() },
    // The studio is a static page over this API: it opens no route, and asks for a key when needed.
    studio: { assets: studioAssets() },
    moderation: {
      ...(moderator ? { moderator } : {}),
      ...(jailbreakDetector ? { jailbreakDetector } : {}),
    },
  };
}

/** One start-up log line about moderation, so `moderation=auto` failing is no surprise. */
export function describeModeration(options: Omit<ConductAppOptions, 'conduct'>): string {
  const { moderator, jailbreakDetector } = options.moderation ?? {};
  if (moderator === undefined) {
    return 'moderation: off (moderation=auto/paranoid answer 422; set OPENAI_API_KEY for OpenAI moderation)';
  }
  return `moderation: ${moderator.provider}${jailbreakDetector ? ' + model jailbreak check (paranoid)' : ''}`;
}
