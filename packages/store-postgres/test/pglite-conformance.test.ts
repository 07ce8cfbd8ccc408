import { describeStoreConformance } from '@conduct/core/testing';
import { createPostgresStore } from '../src/index.js';

describeStoreConformance('PGlite store', { create: () => createPostgresStore() });
