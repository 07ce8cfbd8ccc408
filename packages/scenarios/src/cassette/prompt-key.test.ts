import { describe, expect, it } from 'vitest';
import { DEFAULT_PROMPT_REWRITES, normalizePrompt } from './prompt-key.js';

const rewrite = (text: string) =>
  normalizePrompt([{ role: 'user', content: text }], DEFAULT_PROMPT_REWRITES)[0]?.lines.join('\n');

describe('prompt rewrites', () => {
  it('replace what moves with today: the turn time, dates in every usual form, timestamps', () => {
    expect(rewrite('Now: Monday 7 December 2026, 17:42 (Europe/Paris)')).toBe(
      'Now: <now> (Europe/Paris)',
    );
    expect(rewrite('delivered_on 2026-11-25, at 2026-11-25T10:00:00.000Z')).toBe(
      'delivered_on <date>, at <timestamp>',
    );
    expect(rewrite('under warranty until November 25, 2028.')).toBe('under warranty until <date>.');
    expect(rewrite('until Nov 25th, 2028 or Tuesday, 25 Nov. 2028')).toBe('until <date> or <date>');
    expect(rewrite('ended on 25 November 2028')).toBe('ended on <date>');
  });

  it('leave the rest alone: order numbers, prices, durations', () => {
    const text = 'Order VM-10423 cost $129.99; returns within 30 days; 12 days ago; May I help?';
    expect(rewrite(text)).toBe(text);
  });

  it('replace generated ids that differ each run', () => {
    expect(
      rewrite('trace 0123456789abcdef0123456789abcdef, id 123e4567-e89b-12d3-a456-426614174000'),
    ).toBe('trace <trace-id>, id <uuid>');
  });
});
