import { describe, expect, it } from 'vitest';
import { parseTemplate } from '../../src/canned/template.js';
import { cannedResponseIssues } from '../../src/canned/template-check.js';
import { ValidationError } from '../../src/errors/errors.js';
import { cannedSetup } from './canned-harness.js';

const messages = (value: string, extra: Parameters<typeof cannedResponseIssues>[0] | object = {}) =>
  cannedResponseIssues({ value, ...extra }).map((issue) => issue.message);

describe('template parsing', () => {
  it('splits text and placeholders, ignoring whitespace in braces', () => {
    expect(parseTemplate('Hi {{ std.customer.name }}, order {{order.id}}!')).toEqual({
      parts: [
        { kind: 'text', text: 'Hi ' },
        { kind: 'field', path: 'std.customer.name' },
        { kind: 'text', text: ', order ' },
        { kind: 'field', path: 'order.id' },
        { kind: 'text', text: '!' },
      ],
      fields: ['std.customer.name', 'order.id'],
    });
  });

  it.each([
    ['Hi {{name', 'unclosed placeholder'],
    ['Hi {{ {{name}}', 'unclosed placeholder'],
    ['Hi {{}}', 'the field name is empty'],
    ['Hi {{first name}}', 'invalid placeholder "{{first name}}"'],
    ['{% if x %}Hi{% endif %}', 'control blocks'],
  ])('rejects %j', (value, message) => {
    expect(messages(value).join(' ')).toContain(message);
  });

  it('rejects unknown std fields and malformed generative ones', () => {
    expect(messages('Hi {{std.customer.email}}')[0]).toContain('not a known std field');
    expect(messages('Hi {{generative.a.b}}')[0]).toContain('generative.<name>');
  });
});

describe('declared fields', () => {
  const field = (name: string) => ({ name, description: 'd', examples: [] });

  it('are optional: without declarations any tool field may be used', () => {
    expect(messages('Order {{order_id}} for {{std.customer.name}}')).toEqual([]);
  });

  it('must cover every placeholder once declared (typos are caught)', () => {
    expect(messages('Order {{order_idd}}', { fields: [field('order_id')] })).toEqual([
      'placeholder "{{order_idd}}" is not among the declared fields (order_id)',
    ]);
    expect(messages('Shipped.', { fields: [field('order_id')] })).toEqual([]);
    expect(
      messages('Order {{order.id}}: {{generative.note}} {{std.agent.name}}', {
        fields: [field('order'), field('note')],
      }),
    ).toEqual([]);
    expect(messages('Hi', { fields: [field('a'), field('a')] })[0]).toContain('more than once');
  });

  it('checks field dependencies', () => {
    expect(messages('Hi', { fieldDependencies: ['std.nope'] })[0]).toContain(
      'not a known std field',
    );
    expect(messages('Hi', { fieldDependencies: ['order_id'] })).toEqual([]);
  });
});

describe('agent.cannedResponses (code-first)', () => {
  it('is idempotent, tags the agent, and rejects malformed templates with a ValidationError', async () => {
    const t = await cannedSetup();
    const first = await t.agent.cannedResponses.create({ value: 'Hi {{std.customer.name}}' });
    const again = await t.agent.cannedResponses.create({
      value: 'Hi {{std.customer.name}}',
      signals: ['hello'],
    });
    expect(again.id).toBe(first.id);
    expect(again.signals).toEqual(['hello']);
    expect(again.tags).toEqual([`agent:${t.agent.id}`]);
    const preamble = await t.agent.cannedResponses.create({ value: 'One moment.', preamble: true });
    expect(preamble.tags).toContain('__preamble__');
    expect(await t.agent.cannedResponses.list()).toHaveLength(2);

    const bad = t.agent.cannedResponses.create({ value: 'Hi {{std.customer.email' });
    await expect(bad).rejects.toBeInstanceOf(ValidationError);
    await expect(bad).rejects.toThrow(/unclosed placeholder/);
    await expect(t.agent.cannedResponses.setNoMatchReply('Sorry {{nope.')).rejects.toThrow(
      ValidationError,
    );
    expect(await t.agent.cannedResponses.list()).toHaveLength(2);
  });
});
