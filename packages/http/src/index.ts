export { type ConductApp, type ConductAppOptions, createConductApp } from './app.js';
export type { AppEnv, ConductServices } from './app-env.js';
export { type AuthPolicy, deny, devAuthPolicy, type Operation } from './auth.js';
export { HttpError, toHttpResponse, type ValidationDetail } from './errors.js';
