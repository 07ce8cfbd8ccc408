/** One piece of work in flight, shared by everyone who asked for it meanwhile. */
interface Flight<T> {
  promise: Promise<T>;
  controller: AbortController;
  waiting: number;
}

/** In-flight work by key (see {@link joinFlight}). */
export type Flights<T> = Map<string, Flight<T>>;

/**
 * Runs `work` once per `key` while it is in flight: a caller that asks for the same key before
 * it settles shares its result instead of starting it again. The work's own signal aborts only
 * once every caller's signal has (one cancelled turn does not spoil the others' result); a
 * caller whose signal aborts stops waiting at once, rejecting with its signal's reason (a caller
 * whose signal has already aborted is rejected so without starting or joining any work).
 */
export function joinFlight<T>(
  flights: Flights<T>,
  key: string,
  signal: AbortSignal,
  work: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  // A caller already cancelled neither starts nor joins anything: work started for it alone would
  // run on an aborted signal with nobody left to receive its result.
  if (signal.aborted) return Promise.reject(signal.reason);
  let flight = flights.get(key);
  if (flight === undefined) {
    const controller = new AbortController();
    const started: Flight<T> = { controller, waiting: 0, promise: Promise.resolve() as Promise<T> };
    started.promise = Promise.resolve()
      .then(() => work(controller.signal))
      .finally(() => {
        if (flights.get(key) === started) flights.delete(key);
      });
    // Each caller gets the outcome through its own handler below; once every caller has left,
    // the abandoned work's failure concerns no one, and must not become an unhandled rejection.
    started.promise.catch(() => undefined);
    flights.set(key, started);
    flight = started;
  }
  const joined = flight;
  joined.waiting += 1;
  return new Promise<T>((resolve, reject) => {
    const leave = () => {
      joined.waiting -= 1;
      if (joined.waiting === 0) {
        joined.controller.abort(signal.reason);
        // Abandoned: a later caller starts afresh instead of joining aborted work.
        if (flights.get(key) === joined) flights.delete(key);
      }
      reject(signal.reason);
    };
    signal.addEventListener('abort', leave, { once: true });
    joined.promise.then(
      (value) => {
        signal.removeEventListener('abort', leave);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', leave);
        reject(error);
      },
    );
  });
}
