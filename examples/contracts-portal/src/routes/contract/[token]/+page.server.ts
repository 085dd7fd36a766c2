import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { pool } from '$lib/db';
import { copy } from '$lib/copy';
import type { Contract, ContractPlayer } from '$lib/types';

const SEASON_CUTOFF = { month: 8, day: 1 }; // ages are taken on September 1st

function ageOn(dateOfBirth: string, on: Date): number {
	const [year, month, day] = dateOfBirth.split('-').map(Number);
	let age = on.getFullYear() - year;
	if (on.getMonth() + 1 < month || (on.getMonth() + 1 === month && on.getDate() < day)) {
		age -= 1;
	}
	return age;
}

export const load: PageServerLoad = async ({ params }) => {
	const { rows } = await pool.query<ContractPlayer>(
		`SELECT p.*, t.name AS team_name, par.name AS parent_name, par.email AS parent_email
		   FROM players p
		   JOIN teams t ON t.id = p.team_id
		   LEFT JOIN parents par ON par.id = p.parent_id
		   JOIN contracts c ON c.player_id = p.id
		  WHERE c.token = $1`,
		[params.token]
	);
	const player = rows[0];
	if (!player) {
		error(404, 'This contract link is not valid.');
	}

	const contract = await pool.query<Pick<Contract, 'status' | 'signed_at' | 'pdf_url'>>(
		'SELECT status, signed_at, pdf_url FROM contracts WHERE token = $1',
		[params.token]
	);

	const now = new Date();
	const seasonStart = new Date(now.getFullYear(), SEASON_CUTOFF.month, SEASON_CUTOFF.day);
	const dateOfBirth = player.date_of_birth;
	const age = dateOfBirth ? ageOn(dateOfBirth, seasonStart) : null;

	return {
		copy,
		token: params.token,
		status: contract.rows[0].status,
		signedAt: contract.rows[0].signed_at?.toISOString() ?? null,
		pdfUrl: contract.rows[0].pdf_url,
		player: {
			name: player.name,
			dateOfBirth,
			age,
			notes: player.custom_notes ?? '',
			teamName: player.team_name,
			jersey: {
				option: player.jersey_option,
				size: player.jersey_size,
				number: player.jersey_number
			}
		},
		parent: player.parent_name ? { name: player.parent_name, email: player.parent_email } : null
	};
};
