import { z } from 'zod';
import { named } from './schema-registry.js';

/**
 * `{"detail": "…"}`: every error but validation errors
 * (docs/compatibility.md#formats-errors-and-pagination).
 */
export const errorDetailSchema = named(
  z.object({ detail: z.string().describe('What went wrong, in words') }),
  'ErrorDetail',
);

/** One entry of a 422 detail list, pydantic style. */
export const validationIssueSchema = named(
  z.object({
    type: z.string().describe('e.g. missing, enum, int_parsing, json_invalid'),
    loc: z.array(z.union([z.string(), z.number().int()])).describe('e.g. ["body", "agent_id"]'),
    msg: z.string(),
    input: z.unknown().optional(),
    ctx: z.record(z.string(), z.unknown()).optional(),
  }),
  'ValidationIssue',
);

/**
 * A 422 body: a pydantic-style list, or a sentence for rule violations
 * (docs/compatibility.md#creating-events).
 */
export const unprocessableSchema = named(
  z.object({ detail: z.union([z.array(validationIssueSchema), z.string()]) }),
  'HTTPValidationError',
);

/** What each error status means, for the document. */
export const ERROR_DESCRIPTIONS: Readonly<Record<number, string>> = {
  400: 'The request cannot be honoured as asked',
  403: 'The auth policy denies this operation (`Authorization failed: OPERATION=…`)',
  404: 'An id in the path (or body) is unknown',
  409: 'A custom id is already taken, or the change conflicts with existing data',
  413: 'The request body is larger than the configured limit',
  422: 'Invalid input: a pydantic-style list of issues, or a sentence',
  429: 'Rate limit exceeded (`Rate limit exceeded: OPERATION=…`)',
  501: 'Not supported by Conduct (the detail says what to do instead)',
  503: 'A dependency (such as the moderator) is unavailable; nothing was stored',
  504: 'No matching data before `wait_for_data` elapsed (`Request timed out`)',
};
