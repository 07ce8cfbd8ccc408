/** Ids, timestamps and the message of anything thrown. */
export { errorMessage } from './error-message.js';
export { generateId, generateTraceId, idSchema, traceIdSchema } from './ids.js';
export { timestampSchema } from './time.js';
