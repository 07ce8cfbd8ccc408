import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConfigurationError } from '../errors/errors.js';
import { defineTool } from './define-tool.js';
import { unknownToolInsight } from './tool-insights.js';
import { createToolRegistry } from './tool-registry.js';

function tool(name: string, service?: string) {
  return defineTool({
    name,
    service,
    description: name,
    parameters: z.object({}),
    run: () => null,
  });
}

describe('createToolRegistry', () => {
  it('looks tools up by ref', () => {
    const a = tool('a');
    const b = tool('b', 'crm');
    const registry = createToolRegistry([a, b]);
    expect(registry.get('local:a')).toBe(a);
    expect(registry.get('crm:b')).toBe(b);
    expect(registry.has('local:b')).toBe(false);
    expect(registry.tools).toEqual([a, b]);
    expect(registry.descriptors('2026-01-01T00:00:00.000Z').map((d) => d.ref)).toEqual([
      'local:a',
      'crm:b',
    ]);
  });

  it('rejects duplicate refs but allows the same name in two services', () => {
    expect(() => createToolRegistry([tool('a'), tool('a')])).toThrow(ConfigurationError);
    expect(() => createToolRegistry([tool('a'), tool('a')])).toThrow(
      /"local:a" is registered twice/,
    );
    expect(() => createToolRegistry([tool('a'), tool('a', 'crm')])).not.toThrow();
  });

  it('resolves refs without throwing: known tools deduplicated, unknown ones reported', () => {
    const a = tool('a');
    const b = tool('b');
    const registry = createToolRegistry([a, b]);
    const resolved = registry.resolve([
      'local:b',
      'local:nope',
      'local:a',
      'local:b',
      'garbage',
      'local:nope',
    ]);
    expect(resolved.tools).toEqual([b, a]);
    expect(resolved.unknown).toEqual(['local:nope', 'garbage']);
    expect(unknownToolInsight('local:nope')).toEqual({
      tool: 'local:nope',
      kind: 'tool-error',
      parameter: null,
      message: 'nope is not a registered tool, so it could not run',
    });
  });

  it('is empty by default', () => {
    expect(createToolRegistry().resolve(['local:a'])).toEqual({ tools: [], unknown: ['local:a'] });
  });
});
