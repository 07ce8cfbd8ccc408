import type { TurnTime } from '@conduct/core';
import { createScriptedModel, type ScriptedModelCall, whenPrompt } from '@conduct/core/testing';
import { judge, nextCustomerMove, type TranscriptLine } from '@conduct/scenarios';

/** The page's title and summary, for the catalog's index. */
export const SCENARIO_TASKS_PAGE = {
  name: 'scenario-tasks',
  title: 'Scenario tests: the simulated customer and the judge',
  summary:
    "The two tasks of `@conduct/scenarios`, in the example suite's simulated warranty claim: the simulated customer opens the conversation and answers the agent's question from what it knows, then the judge checks the agent's reply and the whole conversation against criteria in plain words.",
};

const dana = {
  persona: 'Dana Whitfield, a Voltmart Plus member; polite, in a hurry, writes short messages.',
  goal: 'get her broken QuietPro 2 headphones repaired or replaced under warranty',
  knows: ['the serial number is QP2-7731-0042', 'the headphones stopped charging last week'],
  doesNotKnow: ['the order number'],
  maxTurns: 4,
};

const confirmation =
  'Good news: your QuietPro 2 wireless headphones (serial QP2-7731-0042) is under warranty until May 20, 2027. We will email you a prepaid shipping label within one business day, and the repair or replacement takes up to 10 business days once it reaches our service center.';

const conversation: TranscriptLine[] = [
  { speaker: 'customer', text: 'Hi, my QuietPro 2 headphones stopped working.' },
  {
    speaker: 'agent',
    text: 'Sorry to hear that! What is the serial number of the unit, and what is the fault?',
  },
];

/** The calls of the two scenario tasks in the example situation, answered from evidence. */
export async function scenarioTaskCalls(time: TurnTime): Promise<readonly ScriptedModelCall[]> {
  const model = createScriptedModel()
    .on(
      'simulated-customer',
      whenPrompt({
        shows: 'Agent: Sorry to hear that! What is the serial number',
        in: 'conversation',
        answer: {
          thought: 'they ask for the serial number',
          action: 'write',
          message: 'It is QP2-7731-0042.',
        },
        otherwise: {
          thought: 'start with the problem',
          action: 'write',
          message: 'Hi, my QuietPro 2 headphones stopped working.',
        },
      }),
    )
    .on(
      'scenario-judge',
      whenPrompt({
        shows: 'under warranty until May 20, 2027',
        answer: {
          reason: 'confirms coverage until May 2027 and the repair steps; no refund mentioned',
          verdict: 'pass',
        },
        otherwise: { reason: 'coverage is not confirmed', verdict: 'fail' },
      }),
    );
  await nextCustomerMove(model, { customer: dana, transcript: [], sent: 0, maxTurns: 4, time });
  await nextCustomerMove(model, {
    customer: dana,
    transcript: conversation,
    sent: 1,
    maxTurns: 4,
    time,
  });
  const whole: TranscriptLine[] = [
    ...conversation,
    { speaker: 'customer', text: 'It is QP2-7731-0042.' },
    { speaker: 'agent', text: confirmation },
  ];
  const toolResults = [
    'warranty_lookup({"serial_number":"QP2-7731-0042"}) → {"found":true,"serial_number":"QP2-7731-0042","product":"QuietPro 2 wireless headphones","covered_until":"2027-05-20","in_warranty":true}',
  ];
  await judge(model, {
    criterion: 'confirms the headphones are under warranty, promises no refund',
    transcript: whole,
    reply: confirmation,
    toolResults,
    time,
  });
  await judge(model, {
    criterion:
      'confirms the headphones are under warranty and explains how the repair works, without promising a refund',
    transcript: whole,
    toolResults,
    time,
  });
  return model.calls;
}
