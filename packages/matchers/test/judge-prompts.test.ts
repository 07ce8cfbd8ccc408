import { loadTokenizer } from '@conduct/core';
import { prepareJourney } from '@conduct/core/internal';
import {
  createScriptedModel,
  type ScriptedModelCall,
  type ScriptedRequest,
  scripted,
} from '@conduct/core/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { JOURNEY_STEP_TASK } from '../src/journeys/journey-step-task.js';
import { createJourneyStepper } from '../src/journeys/journey-stepper.js';
import type { MatchingTask } from '../src/matching-task.js';
import { RESPONSE_ANALYSIS_TASK } from '../src/response-analysis/analysis-task.js';
import { createResponseAnalyzer } from '../src/response-analysis/response-analyzer.js';
import { runMatchingTask } from '../src/run-task.js';
import { actionableTask } from '../src/tasks/actionable.js';
import { disambiguationTask } from '../src/tasks/disambiguation.js';
import { lowCriticalityTask } from '../src/tasks/low-criticality.js';
import { observationTask } from '../src/tasks/observation.js';
import { reapplyTask } from '../src/tasks/reapply.js';
import { reapplyCustomerDependentTask } from '../src/tasks/reapply-customer-dependent.js';
import { disambiguates, guideline, journey, matchesByText, turnContext } from './fixtures.js';

beforeAll(async () => {
  await loadTokenizer();
});

const promptOf = (call: Pick<ScriptedModelCall | ScriptedRequest, 'messages'> | undefined) =>
  call?.messages.map((message) => message.content).join('\n') ?? '';

const conversation = [
  'Customer: My kettle stopped working.',
  'Agent: Sorry to hear that! What is your order number?',
  'Customer: I would like my money back.',
];
const refund = guideline('refund', {
  condition: 'the customer asks for a refund',
  action: 'explain the refund policy',
});
const targets = [
  guideline('t-return', { condition: 'the customer wants a return', action: 'start a return' }),
  guideline('t-repair', { condition: 'the customer wants a repair', action: 'book a repair' }),
];
const matchingTasks: MatchingTask[] = [
  actionableTask,
  observationTask,
  reapplyTask,
  reapplyCustomerDependentTask,
  lowCriticalityTask,
  disambiguationTask,
];

/** The prompt every judging task sends for the same turn (every call fails: only prompts count). */
async function judgePrompts(): Promise<Map<string, string>> {
  const model = createScriptedModel({ fallback: scripted.fail('prompt only') });
  const context = turnContext({
    model,
    conversation,
    guidelines: [refund, ...targets],
    relationships: targets.map((target) =>
      disambiguates({ type: 'guideline', id: 'refund' }, { type: 'guideline', id: target.id }),
    ),
  });
  for (const task of matchingTasks) await runMatchingTask(task, [refund], context);
  await createResponseAnalyzer({ onFailure: 'assume-applied' }).analyze({
    context,
    reply: 'Our refund policy: 30 days.',
    guidelines: [refund],
  });
  const flow = journey('flow', 'Refund a kettle');
  await createJourneyStepper()
    .step({
      context,
      journey: flow,
      state: flow.states[0]!,
      moves: prepareJourney(flow).movesFrom('start'),
      visited: [],
    })
    .catch(() => undefined);
  return new Map(model.calls.map((call) => [call.task, promptOf(call)]));
}

describe('what every judging task is told about the agent', () => {
  it('gives the business context of the agent it evaluates, never its role', async () => {
    const prompts = await judgePrompts();
    expect([...prompts.keys()].sort()).toEqual(
      [...matchingTasks.map((task) => task.name), RESPONSE_ANALYSIS_TASK, JOURNEY_STEP_TASK].sort(),
    );
    for (const [task, prompt] of prompts) {
      expect(prompt, task).toContain('Agent under evaluation: Ava (');
      expect(prompt, task).toContain('you are not this agent');
      expect(prompt, task).toContain('"Support for Voltmart"');
      expect(prompt, task).not.toMatch(/You are Ava/);
    }
  });

  it('quotes a persona written to the agent as the business words, not as an instruction', async () => {
    const model = createScriptedModel({ fallback: scripted.fail('prompt only') });
    const context = turnContext({ model, conversation });
    context.agent = { ...context.agent, description: 'You are Ava, a support assistant.' };
    await runMatchingTask(actionableTask, [refund], context);
    const prompt = promptOf(model.calls[0]);
    expect(prompt).toContain('The business describes it: "You are Ava, a support assistant."');
    expect(prompt).not.toMatch(/^(About: )?You are Ava/m);
  });
});

describe('"the latest point of the conversation"', () => {
  it('is defined in every task that asks about it', async () => {
    const prompts = await judgePrompts();
    const asking = [...prompts].filter(([, prompt]) => prompt.includes('latest point'));
    expect(asking.map(([task]) => task).sort()).toEqual(
      ['actionable', 'disambiguation', 'low-criticality', 'observation'].sort(),
    );
    for (const [task, prompt] of asking) {
      expect(prompt, task).toContain(
        'The latest point of the conversation is right after its last line',
      );
    }
  });

  it('lets a literal model answer: it judges only when the prompt says what the point is', async () => {
    // A careful model cannot tell whether "latest point" is the last customer message or the
    // agent's question before it; it answers only when the prompt defines it.
    const evidence = (request: ScriptedRequest) =>
      /The latest point of the conversation is [^.]*last line/.test(promptOf(request))
        ? matchesByText('refund')(request)
        : scripted.fail('the prompt does not say what the latest point of the conversation is');
    for (const task of [actionableTask, observationTask]) {
      const model = createScriptedModel().on(task.name, evidence);
      const result = await runMatchingTask(task, [refund], turnContext({ model, conversation }));
      expect(result.verdicts, task.name).toEqual([
        expect.objectContaining({ guidelineId: 'refund', matched: true }),
      ]);
    }
  });
});

describe('what the author wrote around a condition', () => {
  const damaged = guideline('damaged', { condition: 'the delivery arrived damaged' });
  const wantsRefund = guideline('wants-refund', {
    condition: 'the customer wants a replacement or refund',
    action: 'open a damaged-delivery claim',
    description: 'Our carrier insurance pays for these claims, not the returns budget.',
  });
  const requires = {
    id: 'r-requires',
    kind: 'requires' as const,
    source: { type: 'guideline' as const, id: 'wants-refund' },
    target: { type: 'guideline' as const, id: 'damaged' },
    anyOf: null,
    createdAt: '2025-01-01T10:00:00.000Z',
  };

  it('shows the description and the condition a guideline requires under its item', async () => {
    // A literal model answers only about an item it can read in full: the refund condition is
    // meant for damaged deliveries only, and this customer's TV arrived broken.
    const evidence = (request: ScriptedRequest) => {
      const prompt = promptOf(request);
      return prompt.includes('Only meant for when also: the delivery arrived damaged') &&
        prompt.includes("Author's note: Our carrier insurance pays")
        ? matchesByText('replacement or refund')(request)
        : scripted.fail('the item does not say what it depends on');
    };
    const model = createScriptedModel().on(actionableTask.name, evidence);
    const context = turnContext({
      model,
      conversation: ['Customer: My TV arrived with a cracked screen. I want a new one.'],
      guidelines: [damaged, wantsRefund],
      relationships: [requires],
    });
    const result = await runMatchingTask(actionableTask, [wantsRefund], context);
    expect(result.verdicts).toEqual([
      expect.objectContaining({ guidelineId: 'wants-refund', matched: true }),
    ]);
  });
});
