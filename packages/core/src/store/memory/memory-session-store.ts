import {
  type Session,
  type SessionInput,
  type SessionPatch,
  sessionInputSchema,
  sessionPatchSchema,
} from '../../domain/session.js';
import { NotFoundError } from '../../errors/errors.js';
import type { Page, PageOptions } from '../entity-store.js';
import { matchesSessionFilter } from '../filters.js';
import { paginate } from '../pagination.js';
import type { SessionFilter, SessionStore } from '../ports.js';
import { MemoryCollection } from './memory-collection.js';
import type { MemoryJournal } from './memory-journal.js';

/** In-memory sessions; creating one requires its agent to exist. */
export class MemorySessionStore
  extends MemoryCollection<Session, SessionInput, SessionPatch, SessionFilter>
  implements SessionStore
{
  /**
   * @param agentExists tells whether an agent id is known.
   * @param onDelete cascades a deleted session to its events, turn records and feedback.
   * @param journal the store's transactions (changes are undone when one rolls back).
   */
  constructor(
    agentExists: (agentId: string) => boolean,
    onDelete: (sessionId: string) => void,
    journal?: MemoryJournal,
  ) {
    super({
      ...(journal ? { journal } : {}),
      entity: 'session',
      inputSchema: sessionInputSchema,
      patchSchema: sessionPatchSchema,
      matches: matchesSessionFilter,
      beforeCreate: (session) => {
        if (!agentExists(session.agentId)) throw new NotFoundError('agent', session.agentId);
      },
      afterDelete: onDelete,
    });
  }

  async page(options: SessionFilter & PageOptions = {}): Promise<Page<Session>> {
    return structuredClone(paginate(this.select(options), options));
  }

  async deleteMany(filter?: SessionFilter): Promise<number> {
    const doomed = this.select(filter);
    for (const session of doomed) await this.delete(session.id);
    return doomed.length;
  }
}
