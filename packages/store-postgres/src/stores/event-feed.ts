import { type Event, generateId } from '@conduct/core';
import { ChangeNotifier } from '@conduct/core/internal';
import type { SqlDriver } from '../driver/sql-driver.js';
import type { SqlParams } from '../driver/sql-params.js';

/** The `NOTIFY` channel of event-log changes; the payload is `<origin>:<session id>`. */
export const EVENTS_CHANNEL = 'conduct_events';

/** A {@link ChangeNotifier} that can wake every waiter at once. */
export class TrackingNotifier extends ChangeNotifier {
  readonly #keys = new Map<string, number>();

  override subscribe(key: string, listener: () => void): () => void {
    this.#keys.set(key, (this.#keys.get(key) ?? 0) + 1);
    const unsubscribe = super.subscribe(key, listener);
    let done = false;
    return () => {
      if (done) return;
      done = true;
      const count = (this.#keys.get(key) ?? 1) - 1;
      if (count === 0) this.#keys.delete(key);
      else this.#keys.set(key, count);
      unsubscribe();
    };
  }

  /** Wakes every waiter, e.g. after notifications may have been lost. */
  notifyAll(): void {
    for (const key of [...this.#keys.keys()]) this.notify(key);
  }
}

/** What a store's writes need of the feed: notify in SQL, wake local waiters once committed. */
export interface FeedWriter {
  readonly notifier: TrackingNotifier;
  notifySql(params: SqlParams, sessionIdSql: string): string;
  /** `appended`: the new event, when an append is the change (waiters may skip it). */
  changed(sessionId: string, appended?: Event): void;
}

/**
 * Wakes the waiters of a session's log. Writes of this store notify its waiters directly; the
 * same writes `NOTIFY` the database so other stores — in this process or any other — wake too.
 * Each store tags its notifications with its origin and skips its own when they come back.
 */
export class EventFeed implements FeedWriter {
  readonly notifier = new TrackingNotifier();
  readonly #origin = generateId();
  #unlisten: (() => Promise<void>) | undefined;

  /** Starts listening to the other stores' changes. */
  async start(driver: SqlDriver): Promise<void> {
    this.#unlisten = await driver.listen(
      EVENTS_CHANNEL,
      (payload) => this.#received(payload),
      () => this.notifier.notifyAll(),
    );
  }

  /** A SQL expression that notifies other stores of a change to session `sessionIdSql`. */
  notifySql(params: SqlParams, sessionIdSql: string): string {
    return `pg_notify('${EVENTS_CHANNEL}', ${params.add(`${this.#origin}:`)}::text || ${sessionIdSql})`;
  }

  /** Wakes this store's waiters on `sessionId` (call after the change committed). */
  changed(sessionId: string, appended?: Event): void {
    this.notifier.notify(sessionId, appended);
  }

  /**
   * A writer for the writes of one transaction: `NOTIFY`s go out when it commits (PostgreSQL
   * holds them until then), and local waiters are woken by `flush()` once it has committed.
   */
  deferred(): FeedWriter & { flush(): void } {
    // Per session: the appended events, or `undefined` once any other change happened.
    const changed = new Map<string, Event[] | undefined>();
    return {
      notifier: this.notifier,
      notifySql: (params, sessionIdSql) => this.notifySql(params, sessionIdSql),
      changed: (sessionId, appended) => {
        const known = changed.has(sessionId) ? changed.get(sessionId) : [];
        changed.set(sessionId, appended === undefined ? undefined : known && [...known, appended]);
      },
      flush: () => {
        for (const [sessionId, appended] of changed) {
          if (appended === undefined) this.changed(sessionId);
          else for (const event of appended) this.changed(sessionId, event);
        }
      },
    };
  }

  /** Stops listening. */
  async stop(): Promise<void> {
    await this.#unlisten?.();
    this.#unlisten = undefined;
  }

  #received(payload: string): void {
    const separator = payload.indexOf(':');
    if (separator < 0 || payload.slice(0, separator) === this.#origin) return;
    this.notifier.notify(payload.slice(separator + 1));
  }
}
