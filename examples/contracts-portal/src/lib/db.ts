import pg from 'pg';
import { env } from '$env/dynamic/private';

const { Pool, types } = pg;

// Keep DATE columns (players.date_of_birth) as 'YYYY-MM-DD' strings instead of
// letting node-postgres turn them into local-midnight Date objects.
types.setTypeParser(types.builtins.DATE, (value: string) => value);

/** The league-api database, shared with league-api itself. */
export const pool = new Pool({
	connectionString: env.DATABASE_URL,
	max: 5,
	idleTimeoutMillis: 30_000,
	application_name: 'contracts-portal'
});

export interface SqlQuery {
	text: string;
	values: unknown[];
}

/**
 * Tagged template for parameterised queries: every interpolated value becomes
 * a $n placeholder, never part of the SQL text.
 */
export function sql(strings: TemplateStringsArray, ...values: unknown[]): SqlQuery {
	let text = strings[0];
	for (let i = 1; i < strings.length; i++) {
		text += '$' + i + strings[i];
	}
	return { text, values };
}
