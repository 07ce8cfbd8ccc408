import { z } from 'zod';

const TRUE = new Set(['true', '1', 'yes', 'on']);
const FALSE = new Set(['false', '0', 'no', 'off']);

/** A query boolean as FastAPI reads it: true/false/1/0/yes/no/on/off. */
export const queryBoolean = z
  .string()
  .transform((value, context) => {
    const lower = value.toLowerCase();
    if (TRUE.has(lower)) return true;
    if (FALSE.has(lower)) return false;
    context.addIssue({ code: 'custom', message: 'Input should be a valid boolean' });
    return z.NEVER;
  })
  .meta({ type: 'boolean' });

/** A strict query integer: `1.5` or `abc` is rejected. */
export const queryInteger = z
  .string()
  .regex(/^-?\d+$/, 'Input should be a valid integer')
  .transform(Number)
  .meta({ type: 'integer' });

/** A query value that may repeat (`labels=a&labels=b`), always as an array. */
export const queryList = z
  .union([z.string(), z.array(z.string())])
  .transform((value) => (Array.isArray(value) ? value : [value]));
