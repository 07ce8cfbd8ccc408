import { z } from 'zod';
import type { Scenario } from './types.js';

// The schema of a scenario as data (YAML, JSON). Objects are strict: a misspelt field is an
// error naming it, not an expectation silently left out.

/** One name or a list of names; a single name reads naturally in YAML. */
const names = z
  .union([z.string().min(1), z.array(z.string().min(1))])
  .transform((value) => (typeof value === 'string' ? [value] : value));

const statusSchema = z.enum(['answered', 'no-reply', 'error', 'cancelled', 'silent']);

const toolCallSchema = z.strictObject({
  tool: z.string().min(1),
  arguments: z.record(z.string(), z.unknown()).optional(),
  exact: z.boolean().optional(),
});

const expectationSchema = z.strictObject({
  status: statusSchema.optional(),
  guidelines: z
    .strictObject({ matched: names.optional(), notMatched: names.optional() })
    .optional(),
  journey: z
    .strictObject({
      name: z.string().min(1),
      state: z.string().min(1).optional(),
      via: names.optional(),
      active: z.boolean().optional(),
    })
    .optional(),
  tools: z
    .strictObject({
      called: z.array(z.union([z.string().min(1), toolCallSchema])).optional(),
      notCalled: names.optional(),
    })
    .optional(),
  reply: z
    .strictObject({
      contains: names.optional(),
      notContains: names.optional(),
      matches: z.string().min(1).optional(),
      template: z.union([z.boolean(), z.string().min(1)]).optional(),
      strict: z.boolean().optional(),
      judge: z.string().min(1).optional(),
    })
    .optional(),
  session: z
    .strictObject({
      handedOff: z.boolean().optional(),
      transferredTo: z.string().min(1).optional(),
      variables: z.record(z.string(), z.unknown()).optional(),
    })
    .optional(),
});

const simulateSchema = z.strictObject({
  persona: z.string().min(1),
  goal: z.string().min(1),
  knows: names.optional(),
  doesNotKnow: names.optional(),
  opening: z.string().min(1).optional(),
  maxTurns: z.number().int().min(1).max(50).optional(),
  expectGoal: z.boolean().optional(),
});

/** A scenario as data: what a YAML document must look like. */
export const scenarioSchema = z
  .strictObject({
    name: z.string().min(1),
    agent: z.string().min(1),
    customer: z.string().min(1).optional(),
    description: z.string().optional(),
    tags: names.optional(),
    turns: z
      .array(z.strictObject({ customer: z.string().min(1), expect: expectationSchema.optional() }))
      .min(1)
      .optional(),
    simulate: simulateSchema.optional(),
    success: expectationSchema.optional(),
    judge: z.string().min(1).optional(),
    repeat: z.number().int().min(1).max(100).optional(),
    policy: z.enum(['all', 'majority']).optional(),
  })
  .superRefine(
    (scenario, context) => {
      if ((scenario.turns === undefined) === (scenario.simulate === undefined)) {
        context.addIssue({
          code: 'custom',
          path: scenario.turns === undefined ? [] : ['simulate'],
          message: 'a scenario has either `turns` (scripted customer) or `simulate`, not both',
        });
      }
      if (scenario.turns !== undefined && scenario.success !== undefined) {
        context.addIssue({
          code: 'custom',
          path: ['success'],
          message: '`success` is for simulated scenarios; put expectations under each turn',
        });
      }
      // Checked even when a field is invalid, so every problem is reported at once.
    },
    { when: (payload) => typeof payload.value === 'object' && payload.value !== null },
  );

// What the schema outputs must be a Scenario (checked at compile time).
type SchemaOutput = z.output<typeof scenarioSchema>;
const _outputIsScenario = (value: SchemaOutput): Scenario => value;
void _outputIsScenario;
