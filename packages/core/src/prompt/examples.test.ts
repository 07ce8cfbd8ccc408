import { describe, expect, it } from 'vitest';
import { examplesSection, renderExample } from './examples.js';
import { taskPrompt } from './task-prompt.js';

const example = {
  fields: [
    { label: 'Conversation', lines: ['Customer (Lee): Do you ship to Spain?', 'Agent: We do.'] },
    { label: 'Reply just sent', text: 'Shipping takes 3 days.' },
    { label: 'Items', items: ['WHEN shipping comes up\nAuthor’s note: EU only', 'WHEN a refund'] },
  ],
  answer: { checks: [{ n: 1, why: 'said how long', applied: true }] },
};

describe('renderExample', () => {
  it('shows each field under or on its label, items numbered like real ones, then the answer', () => {
    expect(renderExample(example, 1)).toBe(
      [
        'Example 2',
        'Conversation:',
        'Customer (Lee): Do you ship to Spain?',
        'Agent: We do.',
        'Reply just sent: Shipping takes 3 days.',
        'Items:',
        '1. WHEN shipping comes up',
        '   Author’s note: EU only',
        '2. WHEN a refund',
        'Answer: {"checks":[{"n":1,"why":"said how long","applied":true}]}',
      ].join('\n'),
    );
  });
});

describe('examplesSection and taskPrompt', () => {
  it('put the instructions, then the numbered examples, in the static prefix', () => {
    const [system, ...rest] = taskPrompt({
      instructions: ['Judge the reply.'],
      examples: [example, { fields: [], answer: [] }],
    }).build();
    expect(rest).toEqual([]);
    expect(system).toMatchObject({ role: 'system', cacheBreakpoint: true });
    expect(system?.content).toMatch(
      /^<instructions>\nJudge the reply\.\n<\/instructions>\n\n<examples>\nExample 1\n[\s\S]*\nExample 2\nAnswer: \[\]\n<\/examples>$/,
    );
  });

  it('leaves the examples out when there are none', () => {
    expect(examplesSection([]).content).toEqual([]);
    expect(taskPrompt({ instructions: 'Judge.' }).sectionNames()).toEqual(['instructions']);
  });
});
