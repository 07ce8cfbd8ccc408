import { generateId } from '@conduct/core';
import pg from 'pg';

/** Creates an empty database on the cluster and returns its connection string. */
export async function freshDatabase(connectionString: string): Promise<string> {
  const name = `conduct_${generateId().toLowerCase()}`;
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    // An identifier cannot be a parameter; the name is generated from [0-9a-z] above.
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(connectionString);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Runs one statement on its own short-lived connection. */
export async function sql<Row extends Record<string, unknown>>(
  connectionString: string,
  text: string,
  params: unknown[] = [],
): Promise<Row[]> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    return (await client.query<Row>(text, params)).rows;
  } finally {
    await client.end();
  }
}
