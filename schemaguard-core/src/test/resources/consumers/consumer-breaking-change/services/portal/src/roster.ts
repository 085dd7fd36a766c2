import { sql } from './db';

export const copy = {
  title: 'Select a team to continue',
  help: "Update your profile before the season starts",
};

export async function roster(teamId: number) {
  const rows = await sql`
    SELECT p.id, p.nickname
      FROM players p
     WHERE p.team_id = ${teamId}`;
  return rows;
}
