import { error, json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { pool, sql } from '$lib/db';
import type { Contract, ContractSignedEvent } from '$lib/types';

type ContractForSigning = Pick<Contract, 'id' | 'tenant_id' | 'player_id' | 'status' | 'signed_at'>;

const MAX_NAME_LENGTH = 200;

/**
 * Signs a contract: marks the row signed and, in the same transaction, queues a
 * `contract.signed` event in league-api's outbox. league-api's dispatcher sends
 * the confirmation email and renders the PDF.
 */
export const POST: RequestHandler = async ({ params, request, getClientAddress }) => {
	const form = await request.formData();
	const signatureName = String(form.get('signature_name') ?? '').trim();
	if (signatureName.length === 0 || signatureName.length > MAX_NAME_LENGTH) {
		error(400, 'Please type your full name to sign.');
	}

	const client = await pool.connect();
	try {
		await client.query('BEGIN');

		const found = await client.query<ContractForSigning>(
			sql`SELECT id, tenant_id, player_id, status, signed_at
			      FROM contracts
			     WHERE token = ${params.token}
			       FOR UPDATE`
		);
		const contract = found.rows[0];
		if (!contract || contract.status === 'void') {
			error(404, 'This contract link is not valid.');
		}
		if (contract.signed_at) {
			await client.query('ROLLBACK');
			return json({ ok: true, alreadySigned: true, signedAt: contract.signed_at.toISOString() });
		}

		const updated = await client.query<{ signed_at: Date }>(
			`UPDATE contracts
			    SET status = 'signed',
			        signed_at = now(),
			        signature_name = $2,
			        signature_ip = $3
			  WHERE id = $1
			RETURNING signed_at`,
			[contract.id, signatureName, getClientAddress()]
		);
		const signedAt = updated.rows[0].signed_at;

		const event: ContractSignedEvent = {
			contract_id: contract.id,
			player_id: contract.player_id,
			signature_name: signatureName,
			signed_at: signedAt.toISOString()
		};
		await client.query(
			`INSERT INTO outbox (tenant_id, event_type, payload, status, created_at)
			 VALUES ($1, $2, $3, 'pending', now())`,
			[contract.tenant_id, 'contract.signed', JSON.stringify(event)]
		);

		await client.query('COMMIT');
		return json({ ok: true, alreadySigned: false, signedAt: signedAt.toISOString() });
	} catch (e) {
		await client.query('ROLLBACK').catch(() => {});
		throw e;
	} finally {
		client.release();
	}
};
