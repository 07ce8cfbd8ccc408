/**
 * `@conduct/core`: the domain model, store and model ports, prompt kit and (soon) the turn
 * engine of Conduct. Test doubles and conformance kits live in `@conduct/core/testing`.
 *
 * @packageDocumentation
 */
export * from './domain/index.js';
export * from './errors/index.js';
export * from './store/index.js';
export * from './util/index.js';
