export { contentId } from './content-id.js';
export { errorMessage } from './error-message.js';
export { generateId, generateTraceId, ID_LENGTH, idSchema, traceIdSchema } from './ids.js';
export { nowIso, timestampSchema } from './time.js';
