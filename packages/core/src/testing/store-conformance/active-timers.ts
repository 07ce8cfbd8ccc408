interface NodeProcessLike {
  getActiveResourcesInfo?: () => string[];
}

/**
 * How many timers currently keep the event loop alive, or `undefined` where the runtime cannot
 * tell (only Node's `process.getActiveResourcesInfo` can). Reached through `globalThis` so the
 * kit still loads on runtimes without `process`.
 */
export function activeTimerCount(): number | undefined {
  const runtime = (globalThis as { process?: NodeProcessLike }).process;
  const resources = runtime?.getActiveResourcesInfo?.();
  return resources?.filter((resource) => resource === 'Timeout').length;
}
