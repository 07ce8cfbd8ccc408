import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createPrompt } from '../prompt/prompt-builder.js';
import { answerPerItem, promptItems, viewPrompt, whenPrompt } from './model-evidence.js';
import { createScriptedModel } from './scripted-model.js';

const prompt = createPrompt()
  .section({ name: 'instructions', kind: 'static', content: 'Judge every item.' })
  .section({ name: 'conversation', kind: 'dynamic', content: 'Customer: my order 1042 is late' })
  .section({
    name: 'items',
    kind: 'dynamic',
    content: ['1. When the customer mentions an order', '2. When the customer asks for a human'],
  })
  .build();

describe('evidence-based scripts', () => {
  it('reads sections and numbered items', () => {
    const view = viewPrompt({ task: 't', messages: prompt });
    expect(view.section('conversation')).toBe('Customer: my order 1042 is late');
    expect(view.shows('1042', 'conversation')).toBe(true);
    expect(view.shows('1042', 'items')).toBe(false);
    expect(view.shows(/order \d+/g)).toBe(true);
    expect(view.shows(/order \d+/g)).toBe(true);
    expect(view.section('missing')).toBeUndefined();
    expect(promptItems('1. a\ncontinued\n2. b')).toEqual([
      { n: 1, text: 'a\ncontinued' },
      { n: 2, text: 'b' },
    ]);
  });

  it('whenPrompt answers from what the prompt shows', async () => {
    const schema = z.object({ call: z.boolean() });
    const model = createScriptedModel().on(
      'tool-call',
      whenPrompt({
        shows: '1042',
        in: 'conversation',
        answer: { call: true },
        otherwise: { call: false },
      }),
    );
    const asked = await model.generateObject({ task: 'tool-call', schema, messages: prompt });
    expect(asked.value).toEqual({ call: true });
    const other = [{ role: 'user' as const, content: '<conversation>\nHi\n</conversation>' }];
    const notAsked = await model.generateObject({ task: 'tool-call', schema, messages: other });
    expect(notAsked.value).toEqual({ call: false });
  });

  it('answerPerItem judges every item and writes the shape the schema accepts', async () => {
    const applies = answerPerItem({
      applies: (item, view) => item.text.includes('order') && view.shows('order 1042'),
    });
    const model = createScriptedModel().on('checks', applies).on('matches', applies);
    const checks = z.object({
      checks: z.array(z.object({ n: z.number(), why: z.string(), applies: z.boolean() })),
    });
    const matches = z.object({ applies: z.array(z.object({ n: z.number(), why: z.string() })) });
    const a = await model.generateObject({ task: 'checks', schema: checks, messages: prompt });
    expect(a.value.checks.map((c) => [c.n, c.applies])).toEqual([
      [1, true],
      [2, false],
    ]);
    const b = await model.generateObject({ task: 'matches', schema: matches, messages: prompt });
    expect(b.value).toEqual({ applies: [{ n: 1, why: 'evidence in the prompt' }] });
  });
});
