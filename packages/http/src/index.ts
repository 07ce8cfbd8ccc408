export { type ConductApp, type ConductAppOptions, createConductApp } from './app.js';
export type { AppEnv, ConductServices } from './app-env.js';
export {
  ACCESS_API_DOCS,
  type ApiKeyAuthOptions,
  apiKeyAuthPolicy,
  PUBLIC_OPERATIONS,
} from './auth/api-key-policy.js';
export {
  type ClientIpSources,
  clientIp,
  resolveClientIp,
  socketAddress,
} from './auth/client-ip.js';
export {
  type CreateCustomerTokenOptions,
  CUSTOMER_TOKEN_OPERATIONS,
  type CustomerTokenClaims,
  type CustomerTokenOptions,
  createCustomerToken,
  verifyCustomerToken,
} from './auth/customer-token.js';
export {
  PUBLIC_RATE_LIMITS,
  type PublicAuthOptions,
  publicAuthPolicy,
} from './auth/public-policy.js';
export { type RateLimiter, type RateLimitOptions, rateLimit } from './auth/rate-limit.js';
export {
  memoryRateLimitStore,
  type RateLimitStore,
  type RateLimitVerdict,
} from './auth/rate-limit-store.js';
export { type TrustedProxies, trustedProxies } from './auth/trusted-proxies.js';
export {
  type AuthPolicy,
  type AuthPolicyDocs,
  type CorsOrigins,
  deny,
  devAuthPolicy,
  type Operation,
  type SecurityRequirement,
} from './auth.js';
export { isAllowedOrigin, isLoopbackOrigin } from './cors.js';
export { HttpError, toHttpResponse, type ValidationDetail } from './errors.js';
export {
  createModelJailbreakDetector,
  JAILBREAK_CHECK_TASK,
  type JailbreakDetectorOptions,
} from './moderation/jailbreak-detector.js';
export type { ModerationLevel, ModerationVerdict } from './moderation/moderate-message.js';
export type { ModerationOptions } from './moderation/moderation-options.js';
export {
  DEFAULT_DOCS_ASSETS_URL,
  DOCS_ASSET_FILES,
  SWAGGER_UI_VERSION,
} from './openapi/docs-page.js';
export type { OpenApiDocument, OpenApiInfo } from './openapi/openapi-document.js';
export type { ApiDocsOptions, DocsAsset } from './routes/api-docs.js';
export type { StudioAsset, StudioOptions } from './routes/studio.js';
