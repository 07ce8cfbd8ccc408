import { guestCustomer } from '@conduct/core';
import type { SqlValue } from '../driver/sql-driver.js';
import { entityDocument } from '../stores/entity-rows.js';

/** One statement of a migration, with its parameters when it has any. */
export type MigrationStep = string | { sql: string; params: SqlValue[] };

/** A schema change. Versions only grow; a released migration is never edited. */
export interface Migration {
  version: number;
  name: string;
  steps: MigrationStep[];
}

// The guest sorts before every real customer, as the wire format promises (memory store alike).
const GUEST_CREATED_AT = new Date(0).toISOString();

// Ids and timestamps compare byte-wise (COLLATE "C") so that ordering and cursors match the
// memory store whatever the database's default collation is. Timestamps are the ISO strings the
// store wrote (fixed width, UTC, milliseconds), so text order is time order.
const entityTable = (table: string) => [
  `CREATE TABLE ${table} (
    id text COLLATE "C" PRIMARY KEY,
    created_at text COLLATE "C" NOT NULL,
    data jsonb NOT NULL
  )`,
  `CREATE INDEX ${table}_created ON ${table} (created_at, id)`,
];

const guest = guestCustomer(GUEST_CREATED_AT);

/** Every migration, oldest first. */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'initial schema',
    steps: [
      `CREATE TABLE conduct_behavior_revision (
        singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
        revision bigint NOT NULL
      )`,
      'INSERT INTO conduct_behavior_revision (revision) VALUES (0)',
      ...[
        'conduct_agents',
        'conduct_customers',
        'conduct_guidelines',
        'conduct_relationships',
        'conduct_tags',
        'conduct_journeys',
        'conduct_terms',
        'conduct_variables',
        'conduct_canned_responses',
        'conduct_capabilities',
        'conduct_sessions',
      ].flatMap(entityTable),
      {
        sql: 'INSERT INTO conduct_customers (id, created_at, data) VALUES ($1, $2, $3::text::jsonb)',
        params: [guest.id, guest.createdAt, JSON.stringify(entityDocument(guest))],
      },
      `CREATE INDEX conduct_sessions_agent ON conduct_sessions ((data->>'agentId'), created_at, id)`,
      `CREATE INDEX conduct_sessions_customer
        ON conduct_sessions ((data->>'customerId'), created_at, id)`,
      `CREATE INDEX conduct_sessions_labels ON conduct_sessions USING gin ((data->'labels'))`,
      // The next offset of each session's log, in its own narrow row: appends lock and bump it
      // without rewriting (or contending with updates of) the session's document.
      `CREATE TABLE conduct_event_offsets (
        session_id text COLLATE "C" PRIMARY KEY
          REFERENCES conduct_sessions (id) ON DELETE CASCADE,
        next_offset integer NOT NULL CHECK (next_offset >= 0)
      )`,
      `CREATE TABLE conduct_events (
        session_id text COLLATE "C" NOT NULL REFERENCES conduct_sessions (id) ON DELETE CASCADE,
        event_offset integer NOT NULL CHECK (event_offset >= 0),
        id text COLLATE "C" NOT NULL,
        kind text NOT NULL,
        source text NOT NULL,
        trace_id text NOT NULL,
        created_at text COLLATE "C" NOT NULL,
        metadata jsonb NOT NULL,
        data jsonb,
        deleted boolean NOT NULL DEFAULT false,
        revision integer NOT NULL DEFAULT 0 CHECK (revision >= 0),
        PRIMARY KEY (session_id, event_offset),
        CONSTRAINT conduct_events_id_unique UNIQUE (session_id, id)
      )`,
      'CREATE INDEX conduct_events_trace ON conduct_events (session_id, trace_id)',
      `CREATE TABLE conduct_turn_records (
        id text COLLATE "C" PRIMARY KEY,
        session_id text COLLATE "C" NOT NULL REFERENCES conduct_sessions (id) ON DELETE CASCADE,
        trace_id text NOT NULL,
        started_at text COLLATE "C" NOT NULL,
        seq bigint GENERATED ALWAYS AS IDENTITY,
        record jsonb NOT NULL
      )`,
      `CREATE INDEX conduct_turn_records_session
        ON conduct_turn_records (session_id, started_at, seq)`,
      `CREATE TABLE conduct_variable_values (
        variable_id text COLLATE "C" NOT NULL REFERENCES conduct_variables (id) ON DELETE CASCADE,
        key text COLLATE "C" NOT NULL,
        id text COLLATE "C" NOT NULL,
        data jsonb,
        updated_at text COLLATE "C" NOT NULL,
        seq bigint GENERATED ALWAYS AS IDENTITY,
        PRIMARY KEY (variable_id, key)
      )`,
    ],
  },
  {
    version: 2,
    name: 'unfinished turns and embeddings',
    steps: [
      // Finding a session's newest customer message (per turn, and at start for every session
      // in crash recovery) is one index probe.
      `CREATE INDEX conduct_events_customer_messages ON conduct_events (session_id, event_offset)
        WHERE kind = 'message' AND source = 'customer' AND NOT deleted`,
      // One vector per entity and model; the content hash says which content it was made from.
      // Float32 little-endian bytes: exact, compact, and no extension needed.
      `CREATE TABLE conduct_embeddings (
        entity_type text COLLATE "C" NOT NULL,
        entity_id text COLLATE "C" NOT NULL,
        model_id text COLLATE "C" NOT NULL,
        content_hash text NOT NULL,
        dimensions integer NOT NULL CHECK (dimensions > 0),
        vector bytea NOT NULL CHECK (length(vector) = 4 * dimensions),
        updated_at text COLLATE "C" NOT NULL,
        PRIMARY KEY (entity_type, entity_id, model_id)
      )`,
      'CREATE INDEX conduct_embeddings_model ON conduct_embeddings (entity_type, model_id, entity_id)',
    ],
  },
  {
    version: 3,
    name: 'idempotency keys',
    steps: [
      // Nullable columns without a default: no table rewrite, and older code keeps appending.
      `ALTER TABLE conduct_events
        ADD COLUMN idempotency_key text COLLATE "C",
        ADD COLUMN request_fingerprint text`,
      // One live event per key and session: the database, not a process, refuses a second one.
      // Deleted events leave the index, so deleting an event frees its key.
      `CREATE UNIQUE INDEX conduct_events_idempotency ON conduct_events (session_id, idempotency_key)
        WHERE idempotency_key IS NOT NULL AND NOT deleted`,
    ],
  },
  {
    version: 4,
    name: 'feedback',
    steps: [
      // Feedback goes with its session, as the session's events and turn records do. The
      // session and agent have their own columns for the listings; the document has the rest.
      `CREATE TABLE conduct_feedback (
        id text COLLATE "C" PRIMARY KEY,
        session_id text COLLATE "C" NOT NULL REFERENCES conduct_sessions (id) ON DELETE CASCADE,
        agent_id text COLLATE "C" NOT NULL,
        created_at text COLLATE "C" NOT NULL,
        data jsonb NOT NULL
      )`,
      'CREATE INDEX conduct_feedback_session ON conduct_feedback (session_id, created_at, id)',
      'CREATE INDEX conduct_feedback_agent ON conduct_feedback (agent_id, created_at, id)',
      'CREATE INDEX conduct_feedback_created ON conduct_feedback (created_at, id)',
    ],
  },
  {
    version: 5,
    name: 'tool services',
    steps: [
      // Tool services registered over the API (MCP servers, OpenAPI documents), connected again
      // at every start. The registration document is the row; the name is its key.
      `CREATE TABLE conduct_tool_services (
        name text COLLATE "C" PRIMARY KEY,
        created_at text COLLATE "C" NOT NULL,
        data jsonb NOT NULL
      )`,
    ],
  },
];

/** The schema version this package writes and reads. */
export const SCHEMA_VERSION = MIGRATIONS.at(-1)?.version ?? 0;
