import {
  createScriptedModel,
  type ScriptedAnswerFunction,
  type ScriptedModel,
  viewPrompt,
} from '@conduct/core/testing';

// The judge and the simulated customer of the example suite, answering from evidence in their
// prompts: the judge checks each part of the criterion it knows against what the agent wrote
// (a part it does not know fails: it cannot tell), the customer says what its <you-know>
// section holds when the agent asks for it and stops once the conversation shows its goal met.

/** Parts of a criterion the judge can check, and the evidence in the agent's words each needs. */
const CRITERION_PARTS: readonly { phrase: RegExp; holds: (agent: string) => boolean }[] = [
  {
    phrase: /return window has passed/i,
    holds: (agent) => /return window has passed/i.test(agent),
  },
  { phrase: /offers a warranty claim/i, holds: (agent) => /warranty claim/i.test(agent) },
  {
    phrase: /promis\w* no refund|without promising a refund/i,
    holds: (agent) => !/refund/i.test(agent),
  },
  { phrase: /under warranty/i, holds: (agent) => /under warranty until/i.test(agent) },
  {
    phrase: /explains how the repair works/i,
    holds: (agent) => /repair or replacement takes/i.test(agent),
  },
];

/** `scenario-judge`: every part of the criterion must be one it knows and evidenced. */
const judgeFromEvidence: ScriptedAnswerFunction = (request) => {
  const prompt = viewPrompt(request);
  const criterion = prompt.section('criterion') ?? '';
  const agent =
    prompt.section('reply') ??
    (prompt.section('conversation') ?? '')
      .split('\n')
      .filter((line) => line.startsWith('Agent:'))
      .join('\n');
  const parts = criterion
    .split(/,|;| and /)
    .map((part) => part.trim())
    .filter(Boolean);
  for (const part of parts) {
    const known = CRITERION_PARTS.find((candidate) => candidate.phrase.test(part));
    if (known === undefined) return { reason: `cannot tell whether "${part}"`, verdict: 'fail' };
    if (!known.holds(agent)) return { reason: `the agent's words miss "${part}"`, verdict: 'fail' };
  }
  return { reason: 'every part of the criterion shows in what the agent wrote', verdict: 'pass' };
};

/** `simulated-customer`: opens with its goal, answers what the agent asks from what it knows. */
const customerFromEvidence: ScriptedAnswerFunction = (request) => {
  const prompt = viewPrompt(request);
  const conversation = prompt.section('conversation') ?? '';
  const known = prompt.section('you-know') ?? '';
  const lastAgent = conversation.split('\n').findLast((line) => line.startsWith('Agent:')) ?? '';
  if (/under warranty until/.test(lastAgent)) {
    return {
      thought: 'the repair is confirmed under warranty',
      action: 'goal-reached',
      message: null,
    };
  }
  if (conversation === '(empty)') {
    const product = /QuietPro 2 headphones/.exec(prompt.section('goal') ?? '')?.[0] ?? 'product';
    return { thought: 'start', action: 'write', message: `Hi, my ${product} stopped working.` };
  }
  const serial = /serial number is ([A-Z0-9-]+)/.exec(known)?.[1];
  if (/serial number/i.test(lastAgent) && serial !== undefined) {
    return { thought: 'they need the serial', action: 'write', message: `It is ${serial}.` };
  }
  return { thought: 'nothing moves towards the repair', action: 'give-up', message: null };
};

/** The model of the judge and the simulated customer (routed by their task names). */
export function voltmartTesters(): ScriptedModel {
  return createScriptedModel({ modelId: 'voltmart-testers' })
    .on('scenario-judge', judgeFromEvidence)
    .on('simulated-customer', customerFromEvidence);
}
