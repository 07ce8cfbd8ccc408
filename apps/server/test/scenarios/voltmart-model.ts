import {
  answerPerItem,
  createScriptedModel,
  type PromptView,
  type ScriptedAnswerFunction,
  type ScriptedModel,
  viewPrompt,
} from '@conduct/core/testing';

// A model for the example agent that answers every task of a turn from evidence in its prompt,
// as a careful, literal model would: a guideline applies when its condition (the item's text)
// is one this script knows AND the conversation shows it; a tool is called with values the
// conversation shows; the reply says what the prompt's guidelines, steps and tool results ask
// for. Change a guideline's wording and the script no longer recognizes it — which is how the
// harness test breaks one on purpose.

/** The latest customer message of the prompt's conversation. */
function latestCustomer(prompt: PromptView): string {
  const lines = prompt.section('conversation')?.split('\n') ?? [];
  return lines.findLast((line) => line.startsWith('Customer')) ?? '';
}

/** Conditions this script recognizes (by a phrase of the item) and the evidence each needs. */
const CONDITIONS: readonly { phrase: string; holds: (prompt: PromptView) => boolean }[] = [
  {
    phrase: 'wants to return a product or asks for a refund',
    holds: (p) =>
      /\breturn\b|refund/i.test(latestCustomer(p)) && !/damaged/i.test(latestCustomer(p)),
  },
  {
    phrase: 'delivered more than 30 days ago',
    holds: (p) => p.shows('outside the 30-day return window', 'conversation'),
  },
  {
    phrase: 'is a Voltmart Plus member and is returning a product',
    holds: (p) =>
      p.shows('"tier":"Voltmart Plus"', 'variables') && /\breturn\b/i.test(latestCustomer(p)),
  },
  {
    phrase: 'asks where their order is or about the status of an order',
    holds: (p) => /where is my order|status of (my )?order/i.test(latestCustomer(p)),
  },
  {
    phrase: 'asks to talk to a human, a person or a manager',
    holds: (p) => /\b(human|person|manager)\b/i.test(latestCustomer(p)),
  },
  {
    phrase: 'the customer is frustrated or angry',
    holds: (p) => /frustrat|angry|third time/i.test(latestCustomer(p)),
  },
  {
    phrase: 'stopped working or has a fault and wants it repaired or replaced',
    holds: (p) => /stopped working|is broken/i.test(latestCustomer(p)),
  },
  {
    phrase: 'asks how the claim works, what it costs or how long the repair takes',
    holds: (p) => /how long|what does it cost|how does the claim/i.test(latestCustomer(p)),
  },
];

/** Matching tasks: each item applies when its condition is known and evidenced. */
const matchFromEvidence = answerPerItem({
  applies: (item, prompt) => {
    const condition = CONDITIONS.find((known) => item.text.includes(known.phrase));
    return condition?.holds(prompt) === true && 'the conversation shows it';
  },
});

/** Clauses of journey moves (`when: …; …`) and the evidence each needs. */
const MOVE_CLAUSES: readonly { phrase: string; holds: (prompt: PromptView) => boolean }[] = [
  { phrase: 'gave a serial number', holds: (p) => SERIAL.test(latestCustomer(p)) },
  { phrase: 'gave another serial number', holds: (p) => SERIAL.test(latestCustomer(p)) },
  { phrase: 'says the unit is in warranty', holds: (p) => p.shows('"in_warranty":true') },
  { phrase: 'says the warranty has ended', holds: (p) => p.shows('"in_warranty":false') },
  { phrase: 'found no unit with that serial', holds: (p) => p.shows('"found":false') },
];

const SERIAL = /\b[A-Z0-9]{2,6}-[0-9A-Z]{3,4}-\d{4}\b/;

/** `journey-step`: the furthest move whose every clause is evidenced, else stay. */
const stepFromEvidence = answerPerItem({
  section: 'moves',
  applies: (move, prompt) => {
    const clauses = (move.text.split('when: ')[1] ?? '').split('; ');
    // A step "already done" counts only when the conversation shows it: this script never
    // assumes so, so a move never skips a step the agent has not taken.
    return clauses.every((clause) =>
      MOVE_CLAUSES.some((known) => clause.includes(known.phrase) && known.holds(prompt)),
    );
  },
  shape: (verdicts) => {
    const furthest = verdicts.filter((verdict) => verdict.applies).at(-1);
    return furthest === undefined
      ? { why: 'nothing shows the step is done', back: null, next: 'stay' }
      : { why: 'the conversation shows it', back: null, next: String(furthest.n) };
  },
});

const PRODUCTS: Record<string, string> = { 'VM-10425': 'Lumen 55', 'VM-10422': 'Aero 14' };

/** `tool-call`: each tool with the values the conversation shows, consent as the prompt defines it. */
const callFromEvidence: ScriptedAnswerFunction = (request) => {
  const prompt = viewPrompt(request);
  const conversation = prompt.section('conversation') ?? '';
  const customer = latestCustomer(prompt);
  const none = (reason: string) => ({ reason, calls: [] });
  if (prompt.shows('Name: order_status', 'tool')) {
    const order = /VM-\d{5}/.exec(customer)?.[0];
    return order
      ? { reason: 'an order number', calls: [{ arguments: { order_id: order } }] }
      : none('no order number');
  }
  if (prompt.shows('Name: warranty_lookup', 'tool')) {
    const serial = SERIAL.exec(conversation)?.[0];
    return serial
      ? {
          reason: 'the serial number',
          calls: [{ arguments: { serial_number: serial, product: null } }],
        }
      : none('no serial number yet');
  }
  if (prompt.shows('Name: escalate_to_human', 'tool')) {
    return /\b(human|person|manager)\b/i.test(customer)
      ? {
          reason: 'the customer asks for a human',
          calls: [{ arguments: { summary: 'The customer asked to talk to a human colleague.' } }],
        }
      : none('no human asked for');
  }
  if (prompt.shows('Name: start_return', 'tool')) {
    const order = /VM-\d{5}/.exec(conversation)?.[0];
    const product = order === undefined ? undefined : PRODUCTS[order];
    if (order === undefined || product === undefined) return none('which item is unknown');
    // Consent as the prompt defines it: a yes to an agent line stating every value, or a
    // request for exactly this return in the latest message.
    const lines = conversation.split('\n');
    const proposal = lines.findLast((line) => line.startsWith('Agent:')) ?? '';
    const definesConsent = prompt.shows(
      'stated this action with these argument values',
      'consequential',
    );
    const saidYes =
      /^Customer.*\byes\b/i.test(lines.at(-1) ?? '') &&
      [order, product, 'changed your mind'].every((value) => proposal.includes(value));
    const askedExactly = /start a return for the .* from order VM-\d{5}.*changed my mind/i.test(
      customer,
    );
    return {
      reason: 'the customer wants to return this item',
      calls: [
        {
          arguments: { order_id: order, product, reason: 'changed_mind' },
          confirmed: definesConsent && (saidYes || askedExactly),
        },
      ],
    };
  }
  return none('not a tool this script knows');
};

/** `compose`: what the prompt's guidelines, steps, tool results and glossary ask the reply to say. */
const replyFromEvidence: ScriptedAnswerFunction = (request) => {
  const prompt = viewPrompt(request);
  const approved = prompt
    .section('approved-wording')
    ?.split('\n')
    .find((line) => line.startsWith('- '));
  if (approved !== undefined) return approved.slice(2);
  const guidelines = prompt.section('guidelines') ?? '';
  const steps = prompt.section('journey-steps') ?? '';
  const missing = prompt.section('missing-information') ?? '';
  const parts: string[] = [];
  if (prompt.shows('outside the 30-day return window', 'conversation')) {
    parts.push(
      'I am sorry: this order was delivered more than 30 days ago, so the return window has passed. If the product is faulty, I can open a warranty claim instead.',
    );
  } else if (prompt.shows('"started":true', 'conversation')) {
    parts.push('Done: your return is open and a prepaid label is on its way to your inbox.');
  } else if (/start_return has not run/.test(missing)) {
    const order = /order_id[^:]*: (VM-\d{5})/.exec(missing)?.[1] ?? '';
    const product = /product[^:]*: ([^;]+)/.exec(missing)?.[1] ?? '';
    parts.push(
      `Items can be returned within 30 days of delivery for a full refund. Shall I start the return of the ${product} from order ${order}, as you changed your mind?`,
    );
  }
  if (guidelines.includes('offer a free courier pickup')) {
    parts.push('As a Voltmart Plus member you can also have it picked up from home for free.');
  }
  if (guidelines.includes('a human colleague will take over')) {
    parts.push('A human colleague will take over in this chat in a few minutes.');
  }
  if (steps.includes('Ask for the serial number')) {
    parts.push('Sorry to hear that! What is the serial number of the unit, and what is the fault?');
  }
  if (steps.includes('on which date the warranty ended')) {
    const until = /"covered_until":"([\d-]+)"/.exec(prompt.section('conversation') ?? '')?.[1];
    parts.push(
      `I am sorry, the warranty of this unit ended on ${until}. I can hand you to a colleague who can quote a paid repair.`,
    );
  }
  const term = prompt
    .section('glossary')
    ?.split('\n')
    .find((line) => {
      const name = /^- ([^:(]+)/.exec(line)?.[1]?.trim();
      return name !== undefined && latestCustomer(prompt).includes(name);
    });
  if (term !== undefined) parts.push(`${term.slice(2).replace(/^[^:]+: /, 'That is the ')}`);
  return parts.length > 0 ? parts.join(' ') : 'How can I help you with your Voltmart order?';
};

/** `canned-select`: a full fit for the template the draft states word for word, else none. */
const selectStatedTemplate: ScriptedAnswerFunction = (request) => {
  const prompt = viewPrompt(request);
  const draft = prompt.section('draft') ?? '(no draft)';
  const line = [...prompt.text.matchAll(/^\[(\d+)\] (.*)$/gm)].find((l) => l[2] === draft);
  return line
    ? { choice: Number(line[1]), fit: 'full', fields: [] }
    : { choice: 0, fit: 'none', fields: [] };
};

/** `canned-strict`: the template that asks what the journey step asks, else none. */
const strictFromStep: ScriptedAnswerFunction = (request) => {
  const prompt = viewPrompt(request);
  const asksSerial = prompt.shows('Ask for the serial number', 'journey-steps');
  const line = [...prompt.text.matchAll(/^\[(\d+)\] (.*)$/gm)].find((l) =>
    l[2]?.includes('serial number'),
  );
  return asksSerial && line
    ? {
        draft: 'Ask for the serial number and the fault.',
        choice: Number(line[1]),
        fit: 'full',
        fields: [],
      }
    : { draft: 'Nothing approved says it.', choice: 0, fit: 'none', fields: [] };
};

/** The engine's model for the example agent, answering every task from evidence. */
export function voltmartModel(): ScriptedModel {
  const model = createScriptedModel({ modelId: 'voltmart-evidence' });
  for (const task of [
    'observation',
    'actionable',
    'low-criticality',
    'reapply',
    'reapply-customer-dependent',
  ]) {
    model.on(task, matchFromEvidence);
  }
  return model
    .on('journey-step', stepFromEvidence)
    .on('tool-call', callFromEvidence)
    .on('compose', replyFromEvidence)
    .on('canned-select', selectStatedTemplate)
    .on('canned-strict', strictFromStep);
}
