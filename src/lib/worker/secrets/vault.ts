/**
 * The secrets vault: values sealed with AES-GCM under a device key (non-extractable, stored in
 * IndexedDB) or a passphrase key (PBKDF2, in memory only while unlocked). See README.md.
 */
import { SecretsDb, type KeyRow, type Sealed } from './db';

/** What the interface shows about the vault. */
export interface VaultStatus {
	/** none: nothing stored yet · device: browser key · passphrase: key from the user's passphrase. */
	mode: 'none' | 'device' | 'passphrase';
	/** Passphrase mode without the passphrase entered in this session. */
	locked: boolean;
	/** Secrets stored for this workspace (names only). */
	names: string[];
}

/** The reason a vault operation cannot proceed. */
export class VaultLockedError extends Error {
	constructor() {
		super('The secrets are locked: enter the passphrase in Channels.');
		this.name = 'VaultLockedError';
	}
}

const CHECK_TEXT = 'journey-studio-vault-check';
export const PBKDF2_ITERATIONS = 600_000;
const enc = new TextEncoder();
const dec = new TextDecoder();

export class Vault {
	readonly db: SecretsDb;
	private key: CryptoKey | null = null;
	private row: KeyRow | null | undefined = undefined;
	private cache = new Map<string, string>();

	constructor(
		deps?: { indexedDB?: IDBFactory; IDBKeyRange?: typeof IDBKeyRange },
		private iterations = PBKDF2_ITERATIONS
	) {
		this.db = new SecretsDb(deps);
	}

	private async keyRow(): Promise<KeyRow | null> {
		if (this.row === undefined) this.row = (await this.db.keys.get('vault')) ?? null;
		return this.row;
	}

	/** Mode and lock state, with the names stored for `workspace`. */
	async status(workspace: string): Promise<VaultStatus> {
		const row = await this.keyRow();
		const names = (await this.db.secrets.where('workspace').equals(workspace).primaryKeys()).map((id) => String(id).slice(workspace.length + 1));
		if (!row) return { mode: 'none', locked: false, names };
		if (row.mode === 'device') {
			this.key ??= row.key;
			return { mode: 'device', locked: false, names };
		}
		return { mode: 'passphrase', locked: !this.key, names };
	}

	/** The usable key; a new device key when the vault is empty. */
	private async ready(): Promise<CryptoKey> {
		if (this.key) return this.key;
		const row = await this.keyRow();
		if (!row) {
			await this.setupDevice();
			return this.key!;
		}
		if (row.mode === 'device') return (this.key = row.key);
		throw new VaultLockedError();
	}

	/** Whether secrets can be read now. */
	async unlocked(): Promise<boolean> {
		const row = await this.keyRow();
		return !row || row.mode === 'device' || !!this.key;
	}

	private async setupDevice(): Promise<void> {
		const key = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
		const row: KeyRow = { id: 'vault', mode: 'device', key };
		await this.db.keys.put(row);
		this.row = row;
		this.key = key;
	}

	private async derive(passphrase: string, salt: Uint8Array, iterations: number): Promise<CryptoKey> {
		const base = await crypto.subtle.importKey('raw', enc.encode(passphrase.normalize('NFKC')), 'PBKDF2', false, ['deriveKey']);
		return crypto.subtle.deriveKey({ name: 'PBKDF2', hash: 'SHA-256', salt: salt as BufferSource, iterations }, base, { name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
	}

	/** Unlocks a passphrase vault; false when the passphrase is wrong. */
	async unlock(passphrase: string): Promise<boolean> {
		const row = await this.keyRow();
		if (!row || row.mode !== 'passphrase') return true;
		const key = await this.derive(passphrase, row.salt, row.iterations);
		try {
			if (dec.decode(await open(key, row.check, 'check')) !== CHECK_TEXT) return false;
		} catch {
			return false;
		}
		this.key = key;
		return true;
	}

	/** Forgets the passphrase key and every decrypted value (passphrase mode). */
	lock(): void {
		if (this.row && this.row.mode === 'passphrase') this.key = null;
		this.cache.clear();
	}

	/**
	 * Switches to a device key or to a (new) passphrase, re-encrypting every stored secret in one
	 * transaction. The vault must be unlocked.
	 */
	async setMode(mode: 'device' | 'passphrase', passphrase?: string): Promise<void> {
		if (mode === 'passphrase' && (!passphrase || passphrase.length < 8)) throw new Error('The passphrase must have at least 8 characters.');
		const oldKey = await this.ready();
		const rows = await this.db.secrets.toArray();
		const plain = await Promise.all(rows.map(async (r) => ({ r, value: await open(oldKey, r, r.id) })));
		let newRow: KeyRow;
		let newKey: CryptoKey;
		if (mode === 'device') {
			newKey = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
			newRow = { id: 'vault', mode: 'device', key: newKey };
		} else {
			const salt = crypto.getRandomValues(new Uint8Array(16));
			newKey = await this.derive(passphrase!, salt, this.iterations);
			newRow = { id: 'vault', mode: 'passphrase', salt, iterations: this.iterations, check: await seal(newKey, enc.encode(CHECK_TEXT), 'check') };
		}
		const resealed = await Promise.all(plain.map(async ({ r, value }) => ({ ...r, ...(await seal(newKey, new Uint8Array(value), r.id)) })));
		await this.db.transaction('rw', this.db.keys, this.db.secrets, async () => {
			await this.db.keys.put(newRow);
			if (resealed.length) await this.db.secrets.bulkPut(resealed);
		});
		this.row = newRow;
		this.key = newKey;
	}

	/** Stores (or with null/"" deletes) a secret. */
	async put(workspace: string, name: string, value: string | null): Promise<void> {
		const id = `${workspace}/${name}`;
		if (!value) {
			await this.db.secrets.delete(id);
			this.cache.delete(id);
			return;
		}
		const key = await this.ready();
		const sealed = await seal(key, enc.encode(value), id);
		await this.db.secrets.put({ id, workspace, ...sealed });
		this.cache.set(id, value);
	}

	/** A secret's value, or null when none is stored. Throws `VaultLockedError` when locked. */
	async get(workspace: string, name: string): Promise<string | null> {
		const id = `${workspace}/${name}`;
		const hit = this.cache.get(id);
		if (hit !== undefined) return hit;
		const row = await this.db.secrets.get(id);
		if (!row) return null;
		const value = dec.decode(await open(await this.ready(), row, id));
		this.cache.set(id, value);
		return value;
	}

	/** Every secret of a workspace whose name starts with `prefix`, by name without the prefix. */
	async getAll(workspace: string, prefix: string): Promise<Record<string, string>> {
		const out: Record<string, string> = {};
		const ids = await this.db.secrets.where('workspace').equals(workspace).primaryKeys();
		for (const id of ids) {
			const name = String(id).slice(workspace.length + 1);
			if (!name.startsWith(prefix)) continue;
			const v = await this.get(workspace, name);
			if (v !== null) out[name.slice(prefix.length)] = v;
		}
		return out;
	}

	/** Deletes every secret of a workspace (when the workspace is deleted). */
	async removeWorkspace(workspace: string): Promise<void> {
		await this.db.secrets.where('workspace').equals(workspace).delete();
		for (const k of [...this.cache.keys()]) if (k.startsWith(workspace + '/')) this.cache.delete(k);
	}
}

async function seal(key: CryptoKey, data: Uint8Array, aad: string): Promise<Sealed> {
	const iv = crypto.getRandomValues(new Uint8Array(12));
	const out = await crypto.subtle.encrypt({ name: 'AES-GCM', iv: iv as BufferSource, additionalData: enc.encode(aad) as BufferSource }, key, data as BufferSource);
	return { iv, data: out };
}

async function open(key: CryptoKey, s: Sealed, aad: string): Promise<ArrayBuffer> {
	return crypto.subtle.decrypt({ name: 'AES-GCM', iv: s.iv as BufferSource, additionalData: enc.encode(aad) as BufferSource }, key, s.data);
}

let shared: Vault | null = null;

/** The vault of this worker (one per tab, shared by its workspaces). */
export function sharedVault(deps?: { indexedDB?: IDBFactory; IDBKeyRange?: typeof IDBKeyRange }): Vault {
	if (!shared) shared = new Vault(deps);
	return shared;
}
