/** The vault's own database (never part of a workspace, so never in a backup or export). */
import Dexie, { type Table } from 'dexie';

export const SECRETS_DB = 'journey-studio-secrets';

/** The key material row: one per vault. */
export type KeyRow =
	| { id: 'vault'; mode: 'device'; key: CryptoKey }
	| { id: 'vault'; mode: 'passphrase'; salt: Uint8Array; iterations: number; check: Sealed };

/** An encrypted value. */
export interface Sealed {
	iv: Uint8Array;
	data: ArrayBuffer;
}

/** One stored secret: `<workspace>/<channel>.<name>`. */
export interface SecretRow extends Sealed {
	id: string;
	workspace: string;
}

export class SecretsDb extends Dexie {
	keys!: Table<KeyRow, string>;
	secrets!: Table<SecretRow, string>;

	constructor(opts?: { indexedDB?: IDBFactory; IDBKeyRange?: typeof IDBKeyRange }) {
		super(SECRETS_DB, opts);
		this.version(1).stores({ keys: '&id', secrets: '&id, workspace' });
	}
}
