import type { Capability } from '../domain/capability.js';
import type { Term } from '../domain/term.js';
import type { Embedder } from '../model/language-model.js';
import { errorMessage } from '../util/error-message.js';
import type { ResolvedGroundingOptions } from './grounding-options.js';
import { selectRelevant } from './relevance.js';
import { similarityToQuery } from './vectors.js';

/** The terms and capabilities relevant to a turn, and how they were chosen. */
export interface RelevantGrounding {
  terms: Term[];
  capabilities: Capability[];
  /** `embeddings` when an embedder ranked them too; `lexical` otherwise. */
  method: 'lexical' | 'embeddings';
  /** Why the embedder was not used although configured (it failed). */
  note?: string;
}

/** What {@link selectRelevantGrounding} needs. */
export interface RelevantGroundingInput {
  terms: readonly Term[];
  capabilities: readonly Capability[];
  /** Recent conversation messages, oldest first. */
  messages: readonly string[];
  options: ResolvedGroundingOptions;
  embedder?: Embedder;
  signal?: AbortSignal;
  traceId?: string;
}

/**
 * Picks the glossary terms and capabilities relevant to the recent conversation. A term is
 * relevant when its name or a synonym occurs in a recent message (all of its words, lightly
 * stemmed); a capability when most words of its title or of one of its signals do. With an
 * embedder, items close enough to the conversation are added (one embedding call for both
 * kinds; item vectors are cached). An embedder failure falls back to words alone.
 */
export async function selectRelevantGrounding(
  input: RelevantGroundingInput,
): Promise<RelevantGrounding> {
  const { terms, capabilities, messages, options, embedder } = input;
  let similarities: number[] | undefined;
  let note: string | undefined;
  const hasText = messages.some((message) => message.trim() !== '');
  if (embedder !== undefined && hasText && terms.length + capabilities.length > 0) {
    try {
      similarities = await similarityToQuery(
        embedder,
        messages.join('\n'),
        [...terms.map(termDocument), ...capabilities.map(capabilityDocument)],
        { signal: input.signal, traceId: input.traceId },
      );
    } catch (error) {
      input.signal?.throwIfAborted();
      note = `embedder failed, chose by words only: ${errorMessage(error)}`;
    }
  }
  const common = { minSimilarity: options.minSimilarity };
  return {
    terms: selectRelevant(terms, messages, {
      ...common,
      phrases: (term) => [term.name, ...term.synonyms],
      minCoverage: 1,
      limit: options.maxTerms,
      similarities: similarities?.slice(0, terms.length),
    }),
    capabilities: selectRelevant(capabilities, messages, {
      ...common,
      phrases: (capability) => [capability.title, ...capability.signals],
      minCoverage: 0.6,
      limit: options.maxCapabilities,
      similarities: similarities?.slice(terms.length),
    }),
    method: similarities === undefined ? 'lexical' : 'embeddings',
    ...(note === undefined ? {} : { note }),
  };
}

/** The text a term is embedded as. */
export function termDocument(term: Term): string {
  const synonyms = term.synonyms.length > 0 ? ` (also: ${term.synonyms.join(', ')})` : '';
  return `${term.name}${synonyms}: ${term.description}`;
}

/** The text a capability is embedded as. */
export function capabilityDocument(capability: Capability): string {
  return [`${capability.title}: ${capability.description}`, ...capability.signals].join('\n');
}
