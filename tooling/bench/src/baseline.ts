import { createPrompt } from '@conduct/core';
import { createSimulatedModel } from '@conduct/core/testing';
import { guidelineDefinitions, historyMessages, MEASURED_MESSAGE } from './fixtures.js';
import type { Scenario } from './scenario.js';
import { simulatedAnswers } from './simulated-answers.js';

/** The single-prompt baseline: every guideline pasted into one system prompt, one call. */
export interface Baseline {
  inputTokens: number;
  firstTokenMs: number;
  readyMs: number;
}

/** The latency floor: what one call with the whole behavior model in its prompt would take. */
export async function measureBaseline(scenario: Scenario): Promise<Baseline> {
  const model = createSimulatedModel({ answer: simulatedAnswers });
  const guidelines = guidelineDefinitions(scenario.guidelines).map(
    (g, index) => `${index + 1}. When ${g.condition}, then ${g.action}`,
  );
  const conversation = historyMessages(scenario.historyTurns).flatMap((exchange) => [
    `Customer: ${exchange.customer}`,
    `Agent: ${exchange.agent}`,
  ]);
  const messages = createPrompt()
    .section({
      name: 'instructions',
      kind: 'static',
      content: 'You are Volt, customer support for Voltmart. Follow the guidelines that apply.',
    })
    .section({ name: 'guidelines', kind: 'static', content: guidelines })
    .section({
      name: 'conversation',
      kind: 'dynamic',
      content: [...conversation, `Customer: ${MEASURED_MESSAGE}`],
    })
    .build();
  await model.streamText({ task: 'compose', messages }).result;
  const call = model.calls[0]!;
  return { inputTokens: call.inputTokens, firstTokenMs: call.firstTokenMs, readyMs: call.totalMs };
}
