type NodeEvents = { setMaxListeners?: (limit: number, ...targets: EventTarget[]) => void };

/**
 * A turn's signal is watched by every model call and tool of the turn at once — dozens with a
 * large behavior model — which is by design, not a leak. On Node, lift the listener limit so it
 * does not print `MaxListenersExceededWarning`; elsewhere, do nothing.
 */
export function allowManyAbortListeners(signal: AbortSignal): void {
  const process = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } })
    .process;
  const events = process?.getBuiltinModule?.('node:events') as NodeEvents | undefined;
  events?.setMaxListeners?.(0, signal);
}
