import { describe, expect, it } from 'vitest';
import { ConductError } from './conduct-error.js';
import {
  AbortedError,
  ConfigurationError,
  ConflictError,
  ModelError,
  ModelOutputError,
  NotFoundError,
  TimeoutError,
  ValidationError,
} from './errors.js';

describe('error subclasses', () => {
  it('have distinct, stable codes', () => {
    const codes = [
      NotFoundError.code,
      ConflictError.code,
      ValidationError.code,
      ConfigurationError.code,
      TimeoutError.code,
      AbortedError.code,
      ModelError.code,
      ModelOutputError.code,
    ];
    expect(codes).toEqual([
      'not_found',
      'conflict',
      'validation',
      'configuration',
      'timeout',
      'aborted',
      'model',
      'model_output',
    ]);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('NotFoundError names the entity and id', () => {
    const error = new NotFoundError('session', 'abc');
    expect(error.message).toBe("Session not found (id='abc')");
    expect(error.code).toBe('not_found');
    expect(error).toMatchObject({ entity: 'session', id: 'abc' });
    expect(error).toBeInstanceOf(ConductError);
  });

  it('ConflictError names the entity and id', () => {
    const error = new ConflictError('agent', 'support');
    expect(error.message).toBe("Agent already exists (id='support')");
    expect(error).toMatchObject({ code: 'conflict', entity: 'agent', id: 'support' });
  });

  it('ValidationError keeps its issues (none by default)', () => {
    const issues = [{ path: ['body', 'agent_id'], message: 'Required', type: 'missing' }];
    expect(new ValidationError('Invalid body', issues).issues).toEqual(issues);
    expect(new ValidationError('Invalid body').issues).toEqual([]);
  });

  it('TimeoutError and AbortedError describe the operation', () => {
    const timeout = new TimeoutError('Model call', 30_000);
    expect(timeout.message).toBe('Model call timed out after 30000 ms');
    expect(timeout.timeoutMs).toBe(30_000);
    expect(new AbortedError('Turn').message).toBe('Turn was aborted');
  });

  it('ModelError defaults to not retryable and keeps details', () => {
    expect(new ModelError('failed')).toMatchObject({
      task: undefined,
      model: undefined,
      status: undefined,
      isRetryable: false,
    });
    const error = new ModelError('rate limited', {
      task: 'actionable',
      model: 'gpt-4.1-mini',
      status: 429,
      isRetryable: true,
    });
    expect(error).toMatchObject({
      message: 'rate limited',
      task: 'actionable',
      model: 'gpt-4.1-mini',
      status: 429,
      isRetryable: true,
    });
  });

  it('ModelOutputError keeps the raw output', () => {
    const error = new ModelOutputError('bad json', { task: 'compose', output: '{oops' });
    expect(error).toMatchObject({ task: 'compose', output: '{oops', issues: [] });
  });

  it('keep the cause they wrap', () => {
    const cause = new Error('ECONNRESET');
    expect(new NotFoundError('tag', 't', { cause }).cause).toBe(cause);
    expect(new ConfigurationError('bad', { cause }).cause).toBe(cause);
    expect(new TimeoutError('x', 1, { cause }).cause).toBe(cause);
    expect(new ModelError('x', {}, { cause }).cause).toBe(cause);
  });
});
