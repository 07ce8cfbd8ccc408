export { createHttpTarget, type HttpTargetOptions, UnknownAgentError } from './http-target.js';
export { ServerResponseError, ServerUnreachableError } from './rest-client.js';
export { turnRecordFromDto } from './turn-record-from-dto.js';
