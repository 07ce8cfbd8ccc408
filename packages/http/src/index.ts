export { type ConductApp, type ConductAppOptions, createConductApp } from './app.js';
export type { AppEnv, ConductServices } from './app-env.js';
export {
  type ApiKeyAuthOptions,
  apiKeyAuthPolicy,
  PUBLIC_OPERATIONS,
} from './auth/api-key-policy.js';
export { clientIp } from './auth/client-ip.js';
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
export { type AuthPolicy, deny, devAuthPolicy, type Operation } from './auth.js';
export { customerDto } from './dto/customer.js';
export { type EventDto, eventDto } from './dto/event.js';
export { guidelineDto, toolAssociationDto } from './dto/guideline.js';
export { journeyDto } from './dto/journey.js';
export { domainKindOf, type RelationshipDto, wireKindOf } from './dto/relationship.js';
export { sessionDto } from './dto/session.js';
export { type ToolDto, toolDto, toolIdDto } from './dto/tool.js';
export { turnRecordDto } from './dto/turn-record.js';
export { HttpError, toHttpResponse, type ValidationDetail } from './errors.js';
export { journeyMermaid } from './routes/journey-mermaid.js';
