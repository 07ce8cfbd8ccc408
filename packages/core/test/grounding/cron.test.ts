import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/errors/errors.js';
import { isValidCron, nextCronTime, parseCron } from '../../src/grounding/cron.js';

const next = (expression: string, after: string) =>
  nextCronTime(parseCron(expression), new Date(after))?.toISOString();

describe('parseCron', () => {
  it('accepts standard 5-field expressions and macros', () => {
    for (const rule of [
      '* * * * *',
      '0 8,20 * * *',
      '*/15 0-6 1,15 jan-mar mon-fri',
      '0 0 * * 7',
      '5/15 * * * *',
      '0 0 * * SUN',
      '@daily',
      ' @Hourly ',
    ]) {
      expect(isValidCron(rule), rule).toBe(true);
    }
  });

  it('rejects anything else with a message naming the field', () => {
    for (const rule of [
      '',
      '* * * *',
      '* * * * * *',
      '60 * * * *',
      '* 24 * * *',
      '* * 0 * *',
      '* * 32 * *',
      '* * * 13 *',
      '* * * * 8',
      '5-1 * * * *',
      '1-2-3 * * * *',
      '*/0 * * * *',
      '*/x * * * *',
      '1/2/3 * * * *',
      'a * * * *',
      '0 0 L * *',
      '@often',
    ]) {
      expect(isValidCron(rule), rule).toBe(false);
    }
    expect(() => parseCron('0 25 * * *')).toThrow(ValidationError);
    expect(() => parseCron('0 25 * * *')).toThrow(/hour "25"/);
    expect(() => parseCron('* * *')).toThrow(/expected 5 fields/);
  });

  it('expands lists, ranges, steps and names', () => {
    const schedule = parseCron('*/20 9-17/4 1,15 jan,jul mon-wed');
    expect([...schedule.minutes]).toEqual([0, 20, 40]);
    expect([...schedule.hours]).toEqual([9, 13, 17]);
    expect([...schedule.days]).toEqual([1, 15]);
    expect([...schedule.months]).toEqual([1, 7]);
    expect([...schedule.weekdays]).toEqual([1, 2, 3]);
    expect([...parseCron('0 0 * * 7').weekdays]).toEqual([0]);
  });
});

describe('nextCronTime (UTC)', () => {
  it('finds the next firing strictly after the given time', () => {
    expect(next('0 * * * *', '2026-03-10T10:00:00Z')).toBe('2026-03-10T11:00:00.000Z');
    expect(next('0 * * * *', '2026-03-10T10:59:59Z')).toBe('2026-03-10T11:00:00.000Z');
    expect(next('*/15 * * * *', '2026-03-10T10:07:30Z')).toBe('2026-03-10T10:15:00.000Z');
    expect(next('30 8 * * *', '2026-03-10T09:00:00Z')).toBe('2026-03-11T08:30:00.000Z');
    expect(next('@monthly', '2026-12-15T00:00:00Z')).toBe('2027-01-01T00:00:00.000Z');
  });

  it('handles weekdays, month ends and leap days', () => {
    // 2026-03-10 is a Tuesday.
    expect(next('0 9 * * mon', '2026-03-10T12:00:00Z')).toBe('2026-03-16T09:00:00.000Z');
    expect(next('0 0 31 * *', '2026-04-01T00:00:00Z')).toBe('2026-05-31T00:00:00.000Z');
    expect(next('0 0 29 2 *', '2026-01-01T00:00:00Z')).toBe('2028-02-29T00:00:00.000Z');
  });

  it('fires on either day field when both are restricted (classic cron)', () => {
    // The 20th, or any Monday: Monday 2026-03-16 comes first.
    expect(next('0 0 20 * mon', '2026-03-10T12:00:00Z')).toBe('2026-03-16T00:00:00.000Z');
  });

  it('returns undefined for dates that never exist', () => {
    expect(next('0 0 30 2 *', '2026-01-01T00:00:00Z')).toBeUndefined();
  });
});
