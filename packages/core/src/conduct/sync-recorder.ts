import { canonical } from '../behavior/same-json.js';
import { ConfigurationError } from '../errors/errors.js';

/** The kinds of entity the code-first API defines. */
export type DefinedKind =
  | 'agent'
  | 'guideline'
  | 'journey'
  | 'relationship'
  | 'term'
  | 'variable'
  | 'cannedResponse'
  | 'capability';

/**
 * Where a definition's id comes from: given (`id`), derived from a key the author controls
 * (a title, a name: rewording keeps it), or derived from the content itself (rewording makes
 * it another entity).
 */
export type DefinedIdentity = 'id' | 'key' | 'content';

/** One definition recorded during a sync. */
export interface RecordedDefinition {
  kind: DefinedKind;
  agentId: string;
  id: string;
  identity: DefinedIdentity;
}

/** What a sync learns while the agent modules run: what each agent's code defines. */
export interface SyncRecorder {
  /**
   * Records a definition. Defining the same entity twice with different content is a
   * `ConfigurationError`: two definitions share one identity (say, two guidelines one title),
   * and the second would silently replace the first.
   */
  define(definition: RecordedDefinition & { fields: object }): void;
  /** Records that the sync defines this agent (its other definitions may come later). */
  defineAgent(agentId: string): void;
  /** The agents the sync defined, in the order they were first seen. */
  agents(): string[];
  /** Whether this entity was defined in the sync. */
  has(kind: DefinedKind, id: string): boolean;
  /** Every definition, in order. */
  definitions(): RecordedDefinition[];
}

const LABELS: Record<DefinedKind, string> = {
  agent: 'agent',
  guideline: 'guideline',
  journey: 'journey',
  relationship: 'relationship',
  term: 'term',
  variable: 'variable',
  cannedResponse: 'canned response',
  capability: 'capability',
};

/** A fresh {@link SyncRecorder}. */
export function createSyncRecorder(): SyncRecorder {
  const agents = new Set<string>();
  const seen = new Map<string, { definition: RecordedDefinition; content: string }>();
  return {
    define({ fields, ...definition }) {
      agents.add(definition.agentId);
      const key = `${definition.kind}:${definition.id}`;
      const content = canonical(fields);
      const earlier = seen.get(key);
      if (earlier === undefined) {
        seen.set(key, { definition, content });
        return;
      }
      if (earlier.content === content || definition.kind === 'agent') return;
      const what = LABELS[definition.kind];
      const why =
        definition.identity === 'key'
          ? `they share the key its id derives from (a title or name): give them different ones, or an \`id\` each`
          : 'give them different ids';
      throw new ConfigurationError(
        `Agent "${definition.agentId}" defines the ${what} "${definition.id}" twice with different content: ${why}`,
      );
    },
    defineAgent(agentId) {
      agents.add(agentId);
    },
    agents: () => [...agents],
    has: (kind, id) => seen.has(`${kind}:${id}`),
    definitions: () => [...seen.values()].map((entry) => entry.definition),
  };
}
