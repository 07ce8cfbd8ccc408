import type { ConductStore, Engine, ToolRegistry } from '@conduct/core';
import type { Context } from 'hono';
import type { AuthPolicy, Operation } from './auth.js';

/** What the routes need from Conduct. A `Conduct` from `createConduct` fits. */
export interface ConductServices {
  store: ConductStore;
  engine: Engine;
  /** Registered tools; when given, tool references in requests are checked against it. */
  tools?: ToolRegistry;
}

/** Hono environment of the app: the services and the policy, set once per request. */
export interface AppEnv {
  Variables: {
    services: ConductServices;
    auth: AuthPolicy;
    /** Longest `wait_for_data` a long-poll may ask for, in seconds. */
    maxWaitSeconds: number;
  };
}

/** The services of the current request. */
export function services(c: Context<AppEnv>): ConductServices {
  return c.get('services');
}

/** Authorizes the current request for `operation` (throws 403/429 via the policy). */
export async function authorize(c: Context<AppEnv>, operation: Operation): Promise<void> {
  await c.get('auth').authorize(c, operation);
}
