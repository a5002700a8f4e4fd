/**
 * One IndexedDB database per workspace, with its numbered schema history. Never edit a released
 * version: add the next one with its upgrade function. `tests/unit/db/upgrades.test.ts` opens a
 * database created at every earlier version, with data, and checks nothing is lost.
 */
import Dexie, { type Table, type Transaction } from 'dexie';
import type { Account, ContactChunkRow, Deal, InputStoreRow, MessageChunkRow, MetaRow, RunChunkRow, SegmentRow, SettingRow, TraceBlockRow } from './records';

/** Database name of a workspace. */
export function workspaceDbName(id: string): string {
	return `journey-studio-ws-${id}`;
}

/** One step of the schema history: the stores it adds or changes (null deletes) and how old rows move. */
export interface WorkspaceVersion {
	version: number;
	stores: Record<string, string | null>;
	/** Rewrites rows of the previous version, inside the upgrade transaction. */
	upgrade?: (tx: Transaction) => Promise<void>;
}

/** The schema history: version → store definitions. Append only. */
export const WORKSPACE_VERSIONS: WorkspaceVersion[] = [
	{
		version: 1,
		stores: {
			meta: '&key',
			contactChunks: '&no',
			runChunks: '&no',
			traceBlocks: '&from',
			deals: '&id, contact, pipeline, stage',
			accounts: '&id, name',
			messageChunks: '&no',
			inputs: '++seq, at'
		}
	},
	{
		// Saved segments and workspace settings (the contacts area's behaviour model for simulations).
		// Version 1 kept neither, so no row moves: the new stores start empty. The upgrade only
		// records the version history in the settings, which tells later upgrades where a
		// database came from.
		version: 2,
		stores: {
			segments: '&id, name',
			settings: '&key'
		},
		upgrade: async (tx) => {
			await tx.table('settings').put({ key: 'schema.upgradedFrom', value: [1] } satisfies SettingRow);
		}
	}
];

/** The latest schema version. */
export const WORKSPACE_DB_VERSION = WORKSPACE_VERSIONS[WORKSPACE_VERSIONS.length - 1].version;

/** A workspace database. */
export class WorkspaceDb extends Dexie {
	meta!: Table<MetaRow, string>;
	contactChunks!: Table<ContactChunkRow, number>;
	runChunks!: Table<RunChunkRow, number>;
	traceBlocks!: Table<TraceBlockRow, number>;
	deals!: Table<Deal & { contactId?: string }, string>;
	accounts!: Table<Account, string>;
	messageChunks!: Table<MessageChunkRow, number>;
	inputs!: Table<InputStoreRow, number>;
	segments!: Table<SegmentRow, string>;
	settings!: Table<SettingRow, string>;

	/** `upTo` opens the database as an older build did (tests of the upgrade path). */
	constructor(id: string, opts?: { indexedDB?: IDBFactory; IDBKeyRange?: typeof IDBKeyRange; upTo?: number }) {
		const { upTo, ...dexieOpts } = opts ?? {};
		super(workspaceDbName(id), dexieOpts);
		for (const v of WORKSPACE_VERSIONS) {
			if (upTo !== undefined && v.version > upTo) break;
			const ver = this.version(v.version).stores(v.stores);
			if (v.upgrade) ver.upgrade(v.upgrade);
		}
	}
}
