import { defineTool } from '@conduct/core';
import { z } from 'zod';

/** Hands the conversation to a human colleague: the agent stays silent until they are done. */
export const escalateToHuman = defineTool({
  name: 'escalate_to_human',
  description:
    'Hand the conversation over to a human support colleague. After this reply the AI agent stops answering until a human sets the session back to automatic.',
  parameters: z.object({
    summary: z
      .string()
      .min(1)
      .describe(
        'One or two sentences for the colleague: what the customer needs and what was tried',
      ),
  }),
  run: (_context, { summary }) => ({
    data: { handed_over: true, expected_wait: 'a few minutes during opening hours (8:00-20:00)' },
    metadata: { handoverSummary: summary },
    control: { mode: 'manual' },
  }),
});
