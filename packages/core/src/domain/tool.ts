import { z } from 'zod';
import { timestampSchema } from '../util/time.js';
import { toolRefSchema } from './common.js';

/**
 * What is known about a tool without running it: enough to list it, show it to a model and
 * validate calls. The runnable tool (zod parameters + `run`) is defined with `defineTool`.
 */
export const toolDescriptorSchema = z.object({
  ref: toolRefSchema,
  name: z.string().min(1),
  description: z.string(),
  /** JSON Schema of the arguments object. */
  parameters: z.record(z.string(), z.unknown()),
  /** A consequential tool changes something in the world (a refund, a booking). */
  consequential: z.boolean(),
  createdAt: timestampSchema,
});
/** What is known about a tool without running it. */
export type ToolDescriptor = z.infer<typeof toolDescriptorSchema>;
