import { sql } from './db';

export async function profile(id: number) {
  const [player] = await sql`SELECT p.* FROM players p WHERE p.id = ${id}`;
  return {
    born: player.date_of_birth,
  };
}

export async function signed(id: number) {
  await sql`INSERT INTO outbox (topic, payload) VALUES ('contract.signed', ${JSON.stringify({ id })})`;
}
