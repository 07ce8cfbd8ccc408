/**
 * Advisory lock keys. Conduct uses the two-key form `(class, object)`, which PostgreSQL keeps
 * apart from single-`bigint` keys, so applications sharing the database cannot collide with it.
 */
export const LockClass = {
  /** `(migrations, 0)`: held while migrations run. */
  migrations: 0x436f6e00, // "Con\0"
  /** `(sessions, hashtext(session id))`: held while a process works on a session. */
  sessions: 0x436f6e01,
} as const;
