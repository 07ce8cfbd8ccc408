/**
 * `@conduct/core`: the domain model, store and model ports, prompt kit, relationship resolver,
 * tools and the turn engine of Conduct, plus the code-first API (`createConduct`).
 * Test doubles and conformance kits live in `@conduct/core/testing`.
 *
 * @packageDocumentation
 */
export * from './behavior/index.js';
export * from './canned/index.js';
export * from './conduct/index.js';
export * from './domain/index.js';
export * from './engine/index.js';
export * from './errors/index.js';
export * from './grounding/index.js';
export * from './journeys/index.js';
export * from './model/index.js';
export * from './prompt/index.js';
export * from './relationships/index.js';
export * from './store/index.js';
export * from './tools/index.js';
export * from './util/index.js';
