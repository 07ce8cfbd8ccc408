import { type Feedback, type FeedbackInput, feedbackInputSchema } from '../../domain/feedback.js';
import { ConflictError, NotFoundError } from '../../errors/errors.js';
import { buildEntity } from '../entity-input.js';
import type { Page, PageOptions } from '../entity-store.js';
import { matchesFeedbackFilter, normalizeFeedbackFilter } from '../feedback-filter.js';
import { paginate } from '../pagination.js';
import type { FeedbackFilter, FeedbackStore } from '../ports.js';
import type { MemoryJournal } from './memory-journal.js';

/** In-memory feedback; creating it requires its session to exist. */
export class MemoryFeedbackStore implements FeedbackStore {
  readonly #items = new Map<string, Feedback>();
  readonly #sessionExists: (sessionId: string) => boolean;
  readonly #journal: MemoryJournal | undefined;

  /**
   * @param sessionExists tells whether a session id is known.
   * @param journal the store's transactions (changes are undone when one rolls back).
   */
  constructor(sessionExists: (sessionId: string) => boolean, journal?: MemoryJournal) {
    this.#sessionExists = sessionExists;
    this.#journal = journal;
  }

  async create(input: FeedbackInput): Promise<Feedback> {
    const feedback: Feedback = buildEntity(feedbackInputSchema, input, 'feedback');
    if (this.#items.has(feedback.id)) throw new ConflictError('feedback', feedback.id);
    if (!this.#sessionExists(feedback.sessionId)) {
      throw new NotFoundError('session', feedback.sessionId);
    }
    this.#touch(feedback.id);
    this.#items.set(feedback.id, structuredClone(feedback));
    return structuredClone(feedback);
  }

  async get(id: string): Promise<Feedback> {
    const feedback = this.#items.get(id);
    if (feedback === undefined) throw new NotFoundError('feedback', id);
    return structuredClone(feedback);
  }

  async list(options: FeedbackFilter & PageOptions = {}): Promise<Page<Feedback>> {
    const filter = normalizeFeedbackFilter({
      ...(options.sessionId === undefined ? {} : { sessionId: options.sessionId }),
      ...(options.agentId === undefined ? {} : { agentId: options.agentId }),
      ...(options.since === undefined ? {} : { since: options.since }),
      ...(options.until === undefined ? {} : { until: options.until }),
    });
    const matching = [...this.#items.values()].filter((item) =>
      matchesFeedbackFilter(item, filter),
    );
    return structuredClone(paginate(matching, options));
  }

  async delete(id: string): Promise<void> {
    if (!this.#items.has(id)) throw new NotFoundError('feedback', id);
    this.#touch(id);
    this.#items.delete(id);
  }

  /** Forgets a deleted session's feedback. */
  dropSession(sessionId: string): void {
    for (const [id, feedback] of this.#items) {
      if (feedback.sessionId !== sessionId) continue;
      this.#touch(id);
      this.#items.delete(id);
    }
  }

  #touch(id: string): void {
    this.#journal?.touch(`feedback:${id}`, () => {
      const before = this.#items.get(id);
      return () => {
        if (before === undefined) this.#items.delete(id);
        else this.#items.set(id, before);
      };
    });
  }
}
