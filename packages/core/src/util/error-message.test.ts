import { describe, expect, it } from 'vitest';
import { errorMessage } from './error-message.js';

describe('errorMessage', () => {
  it("gives an Error's message, without its name", () => {
    expect(errorMessage(new TypeError('bad input'))).toBe('bad input');
  });

  it('gives a thrown string as it is', () => {
    expect(errorMessage('out of stock')).toBe('out of stock');
  });

  it('gives other values as JSON', () => {
    expect(errorMessage({ code: 42 })).toBe('{"code":42}');
    expect(errorMessage(null)).toBe('null');
    expect(errorMessage(7)).toBe('7');
  });

  it('falls back to String() for values without a JSON form', () => {
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    expect(errorMessage(circular)).toBe('[object Object]');
    expect(errorMessage(10n)).toBe('10');
    expect(errorMessage(undefined)).toBe('undefined');
    expect(errorMessage(Symbol('gone'))).toBe('Symbol(gone)');
  });
});
