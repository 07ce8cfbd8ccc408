import pg from 'pg';

const FIRST_RETRY_MS = 100;
const MAX_RETRY_MS = 5000;

/** Who listens on a channel. */
export interface ChannelHandler {
  onNotify(payload: string): void;
  /** Notifications may have been missed (the connection was lost and re-established). */
  onGap?(): void;
}

/**
 * One dedicated connection that `LISTEN`s on every channel asked for, and reconnects (with
 * backoff) when it is lost. After a reconnect each handler's `onGap` runs: notifications sent
 * meanwhile are gone. The connection opens with the first channel and closes with the last.
 */
export class PgListener {
  readonly #config: pg.ClientConfig;
  readonly #channels = new Map<string, Set<ChannelHandler>>();
  #client: Promise<pg.Client> | undefined;
  #active: pg.Client | undefined;
  #retryTimer: NodeJS.Timeout | undefined;
  #retryMs = FIRST_RETRY_MS;

  constructor(config: pg.ClientConfig) {
    this.#config = config;
  }

  /** Listens on `channel` until the returned function is called. */
  async add(channel: string, handler: ChannelHandler): Promise<() => Promise<void>> {
    // LISTEN takes an identifier, not a parameter: only plain names are accepted.
    if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`Invalid channel name: ${channel}`);
    const handlers = this.#channels.get(channel) ?? new Set();
    const isNew = handlers.size === 0;
    handlers.add(handler);
    this.#channels.set(channel, handlers);
    try {
      // A new connection listens on every registered channel, this one included.
      const fresh = this.#client === undefined;
      const client = await (this.#client ?? this.#open());
      if (isNew && !fresh) await client.query(`LISTEN ${channel}`);
    } catch (error) {
      await this.#remove(channel, handler);
      throw error;
    }
    return () => this.#remove(channel, handler);
  }

  /** Stops listening on every channel and closes the connection. */
  async close(): Promise<void> {
    this.#channels.clear();
    await this.#disconnect();
  }

  async #remove(channel: string, handler: ChannelHandler): Promise<void> {
    const handlers = this.#channels.get(channel);
    if (handlers === undefined || !handlers.delete(handler) || handlers.size > 0) return;
    this.#channels.delete(channel);
    if (this.#channels.size === 0) return this.#disconnect();
    const client = await this.#client?.catch(() => undefined);
    await client?.query(`UNLISTEN ${channel}`).catch(() => {});
  }

  #open(): Promise<pg.Client> {
    const opening = this.#connect();
    this.#client = opening;
    // A failed attempt must not stick: the next caller (or retry) opens another.
    opening.catch(() => {
      if (this.#client === opening) this.#client = undefined;
    });
    return opening;
  }

  async #connect(): Promise<pg.Client> {
    const client = new pg.Client(this.#config);
    client.on('notification', ({ channel, payload }) => {
      for (const handler of this.#channels.get(channel) ?? []) handler.onNotify(payload ?? '');
    });
    const lost = () => this.#lost(client);
    client.on('error', lost);
    client.on('end', lost);
    try {
      await client.connect();
      for (const channel of this.#channels.keys()) await client.query(`LISTEN ${channel}`);
    } catch (error) {
      client.removeListener('end', lost);
      await client.end().catch(() => {});
      throw error;
    }
    this.#retryMs = FIRST_RETRY_MS;
    this.#active = client;
    return client;
  }

  async #disconnect(): Promise<void> {
    clearTimeout(this.#retryTimer);
    const client = this.#client;
    this.#client = undefined;
    this.#active = undefined;
    const connected = await client?.catch(() => undefined);
    connected?.removeAllListeners('end');
    await connected?.end().catch(() => {});
  }

  #lost(client: pg.Client): void {
    // Errors while connecting are the opener's to handle; an old client's are stale.
    if (client !== this.#active) return;
    this.#active = undefined;
    this.#client = undefined;
    client.end().catch(() => {});
    if (this.#channels.size > 0) this.#scheduleReconnect();
  }

  #scheduleReconnect(): void {
    this.#retryTimer = setTimeout(() => {
      if (this.#channels.size === 0 || this.#client !== undefined) return;
      this.#open().then(
        () => {
          for (const handlers of this.#channels.values()) {
            for (const handler of handlers) handler.onGap?.();
          }
        },
        () => {
          this.#retryMs = Math.min(this.#retryMs * 2, MAX_RETRY_MS);
          this.#scheduleReconnect();
        },
      );
    }, this.#retryMs);
    // Reconnecting must not keep the process alive on its own.
    this.#retryTimer.unref();
  }
}
