import { describe, expect, it } from 'vitest';
import { ConductError } from './conduct-error.js';
import { ConflictError, NotFoundError } from './errors.js';

/** What a `ConductError` from another copy of the package looks like: same global brand. */
function foreignCopyError(code: string, message: string): Error {
  const error = new Error(message) as Error & { code: string };
  error.code = code;
  Object.defineProperty(error, Symbol.for('conduct.error'), { value: true });
  return error;
}

class PaymentError extends ConductError {
  static readonly code = 'payment';
  constructor(message: string) {
    super(PaymentError.code, message);
  }
}

describe('ConductError', () => {
  it('carries code, message, name and stack', () => {
    const error = new ConductError('boom', 'Something broke');
    expect(error).toBeInstanceOf(Error);
    expect(error.code).toBe('boom');
    expect(error.message).toBe('Something broke');
    expect(error.name).toBe('ConductError');
    expect(error.stack).toContain('Something broke');
  });

  it('names errors after their subclass', () => {
    expect(new PaymentError('declined').name).toBe('PaymentError');
    expect(new NotFoundError('session', 's1').name).toBe('NotFoundError');
  });

  it('keeps the cause, and has none when not given one', () => {
    const cause = new Error('socket closed');
    expect(new ConductError('x', 'y', { cause }).cause).toBe(cause);
    expect(new ConductError('x', 'y', { cause: 'a string' }).cause).toBe('a string');
    const withoutCause = new ConductError('x', 'y');
    expect(withoutCause.cause).toBeUndefined();
    expect('cause' in withoutCause).toBe(false);
  });

  describe('isInstance', () => {
    it('is true for Conduct errors and subclasses, including ones defined elsewhere', () => {
      expect(ConductError.isInstance(new ConductError('x', 'y'))).toBe(true);
      expect(ConductError.isInstance(new NotFoundError('agent', 'a1'))).toBe(true);
      expect(ConductError.isInstance(new PaymentError('declined'))).toBe(true);
    });

    it('is true for an error from another copy of the package', () => {
      const foreign = foreignCopyError('not_found', 'Agent not found');
      expect(foreign).not.toBeInstanceOf(ConductError);
      expect(ConductError.isInstance(foreign)).toBe(true);
    });

    it('is false for everything else', () => {
      expect(ConductError.isInstance(new Error('plain'))).toBe(false);
      expect(ConductError.isInstance({ code: 'not_found', message: 'lookalike' })).toBe(false);
      expect(ConductError.isInstance({ [Symbol('conduct.error')]: true })).toBe(false);
      expect(ConductError.isInstance({ [Symbol.for('conduct.error')]: 'yes' })).toBe(false);
      for (const value of [null, undefined, 'not_found', 42, true]) {
        expect(ConductError.isInstance(value)).toBe(false);
      }
    });
  });

  describe('is', () => {
    it('matches a subclass by code only', () => {
      const notFound = new NotFoundError('session', 's1');
      expect(NotFoundError.is(notFound)).toBe(true);
      expect(ConflictError.is(notFound)).toBe(false);
      expect(NotFoundError.is(new ConflictError('session', 's1'))).toBe(false);
      expect(NotFoundError.is(new ConductError('other', 'x'))).toBe(false);
      expect(NotFoundError.is(new Error('plain'))).toBe(false);
    });

    it('matches errors from another copy of the package by code', () => {
      expect(NotFoundError.is(foreignCopyError('not_found', 'x'))).toBe(true);
      expect(NotFoundError.is(foreignCopyError('conflict', 'x'))).toBe(false);
      expect(PaymentError.is(foreignCopyError('payment', 'x'))).toBe(true);
    });

    it('is isInstance when called on the base class', () => {
      expect(ConductError.is(new PaymentError('x'))).toBe(true);
      expect(ConductError.is(new Error('x'))).toBe(false);
    });

    it('narrows the type', () => {
      const error: unknown = new NotFoundError('customer', 'guest');
      if (!NotFoundError.is(error)) throw new Error('expected a NotFoundError');
      expect(error.entity).toBe('customer');
      expect(error.id).toBe('guest');
    });
  });
});
