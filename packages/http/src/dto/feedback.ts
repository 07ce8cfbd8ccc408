import { type Feedback, feedbackRatingSchema } from '@conduct/core';
import { z } from 'zod';
import { named, timestampDto } from '../openapi/schema-registry.js';
import { toolIdDto, toolIdDtoSchema } from './tool.js';

/** Wire shape of what should have happened instead (a Conduct extension). */
export const feedbackCorrectionsDtoSchema = named(
  z.object({
    guidelines: z.object({
      should_match: z.array(z.string()).describe('Ids of guidelines that should have matched'),
      should_not_match: z.array(z.string()).describe('Ids of guidelines that should not have'),
    }),
    expected_reply: z.string().nullable().describe('The reply that should have been sent'),
    tools: z.object({
      should_call: z.array(toolIdDtoSchema).describe('Tools that should have been called'),
      should_not_call: z.array(toolIdDtoSchema).describe('Tools that should not have been called'),
    }),
  }),
  'FeedbackCorrections',
);

/** Wire shape of feedback on an agent message (a Conduct extension). */
export const feedbackDtoSchema = named(
  z.object({
    id: z.string(),
    session_id: z.string(),
    agent_id: z.string().describe('The agent that wrote the message'),
    event_id: z.string().describe('The agent message judged'),
    trace_id: z.string().describe("The message's trace: its turn's decision record"),
    creation_utc: timestampDto,
    author: z.string().nullable().describe('Who gave it; `customer:<id>` for a customer token'),
    rating: feedbackRatingSchema,
    comment: z.string().nullable(),
    corrections: feedbackCorrectionsDtoSchema,
  }),
  'Feedback',
);

/** Feedback in the wire format. */
export function feedbackDto(feedback: Feedback): z.output<typeof feedbackDtoSchema> {
  const { guidelines, tools, expectedReply } = feedback.corrections;
  return {
    id: feedback.id,
    session_id: feedback.sessionId,
    agent_id: feedback.agentId,
    event_id: feedback.eventId,
    trace_id: feedback.traceId,
    creation_utc: feedback.createdAt,
    author: feedback.author,
    rating: feedback.rating,
    comment: feedback.comment,
    corrections: {
      guidelines: {
        should_match: guidelines.shouldMatch,
        should_not_match: guidelines.shouldNotMatch,
      },
      expected_reply: expectedReply,
      tools: {
        should_call: tools.shouldCall.map(toolIdDto),
        should_not_call: tools.shouldNotCall.map(toolIdDto),
      },
    },
  };
}
