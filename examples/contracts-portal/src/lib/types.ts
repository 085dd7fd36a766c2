/** A row of league-api's `players` table, as returned by `SELECT p.*`. */
export interface Player {
	id: number;
	tenant_id: number;
	name: string;
	date_of_birth: string | null;
	division: 'boys' | 'girls' | null;
	jersey_option: string | null;
	jersey_size: string | null;
	jersey_number: number | null;
	team_id: number | null;
	custom_notes: string | null;
	is_public: boolean;
	parent_id: number | null;
	created_at: Date;
}

export interface Parent {
	id: number;
	name: string;
	email: string;
	phone: string | null;
}

export type ContractStatus = 'sent' | 'viewed' | 'signed' | 'void';

export interface Contract {
	id: number;
	tenant_id: number;
	player_id: number;
	token: string;
	status: ContractStatus;
	sent_at: Date | null;
	signed_at: Date | null;
	signature_name: string | null;
	signature_ip: string | null;
	pdf_url: string | null;
}

/** What the contract page shows: a player row plus the joined names. */
export type ContractPlayer = Player & {
	team_name: string;
	parent_name: string | null;
	parent_email: string | null;
};

/** Payload of the `contract.signed` outbox event league-api's dispatcher delivers. */
export interface ContractSignedEvent {
	contract_id: number;
	player_id: number;
	signature_name: string;
	signed_at: string;
}
