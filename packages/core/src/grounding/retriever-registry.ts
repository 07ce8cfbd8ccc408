import { agentTag, guidelineTag, journeyTag } from '../domain/built-in-tags.js';
import { ConfigurationError } from '../errors/errors.js';
import type { Retriever } from './retriever.js';

/**
 * Where a retriever is attached: to an agent (runs every turn), to a guideline (runs when it
 * matched) or to a journey (runs while the session is in it; with `stateId`, only at that state).
 */
export type RetrieverAttachment =
  | { type: 'agent'; agentId: string }
  | { type: 'guideline'; guidelineId: string }
  | { type: 'journey'; journeyId: string; stateId?: string };

/** One retriever attached somewhere. */
export interface AttachedRetriever {
  retriever: Retriever;
  attachment: RetrieverAttachment;
}

/** The retrievers an engine runs, by where they are attached. Filled from code. */
export interface RetrieverRegistry {
  /** Every attachment, in the order they were made. */
  readonly attached: readonly AttachedRetriever[];
  /**
   * Attaches a retriever. Idempotent: attaching the same retriever to the same place again is a
   * no-op, so setup code can run at every start.
   *
   * @throws ConfigurationError when another retriever already uses the name (names identify
   * retrievers in prompts and decision records).
   */
  attach(retriever: Retriever, attachment: RetrieverAttachment): void;
  /** Retrievers attached to the agent. */
  forAgent(agentId: string): AttachedRetriever[];
  /** Retrievers attached to one of these guidelines. */
  forGuidelines(guidelineIds: Iterable<string>): AttachedRetriever[];
  /** Retrievers attached to one of these journeys (at any state, or at the given state). */
  forJourneys(positions: Iterable<{ journeyId: string; stateId: string }>): AttachedRetriever[];
}

/** Creates an empty {@link RetrieverRegistry}. */
export function createRetrieverRegistry(): RetrieverRegistry {
  const attached: AttachedRetriever[] = [];
  const byName = new Map<string, Retriever>();
  const keys = new Set<string>();
  return {
    get attached() {
      return Object.freeze([...attached]);
    },
    attach(retriever, attachment) {
      if (typeof retriever?.run !== 'function' || typeof retriever.name !== 'string') {
        throw new ConfigurationError('Only retrievers made with defineRetriever() can be attached');
      }
      const known = byName.get(retriever.name);
      if (known !== undefined && known !== retriever) {
        throw new ConfigurationError(
          `Retriever "${retriever.name}" is defined twice; retriever names must be unique`,
        );
      }
      const key = `${retriever.name}|${attachmentKey(attachment)}`;
      if (keys.has(key)) return;
      byName.set(retriever.name, retriever);
      keys.add(key);
      attached.push({ retriever, attachment: { ...attachment } });
    },
    forAgent: (agentId) =>
      attached.filter(({ attachment: a }) => a.type === 'agent' && a.agentId === agentId),
    forGuidelines(guidelineIds) {
      const ids = new Set(guidelineIds);
      return attached.filter(
        ({ attachment: a }) => a.type === 'guideline' && ids.has(a.guidelineId),
      );
    },
    forJourneys(positions) {
      const list = [...positions];
      return attached.filter(
        ({ attachment: a }) =>
          a.type === 'journey' &&
          list.some(
            (position) =>
              position.journeyId === a.journeyId &&
              (a.stateId === undefined || a.stateId === position.stateId),
          ),
      );
    },
  };
}

/** A readable, unique description of an attachment (for records and keys). */
export function attachmentKey(attachment: RetrieverAttachment): string {
  switch (attachment.type) {
    case 'agent':
      return agentTag(attachment.agentId);
    case 'guideline':
      return guidelineTag(attachment.guidelineId);
    case 'journey':
      return attachment.stateId === undefined
        ? journeyTag(attachment.journeyId)
        : `${journeyTag(attachment.journeyId)}/${attachment.stateId}`;
  }
}
