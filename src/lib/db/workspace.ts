/**
 * One IndexedDB database per workspace, with its numbered schema history. Never edit a released
 * version: add the next one with its upgrade function. `tests/unit/db/upgrades.test.ts` opens a
 * database created at every earlier version, with data, and checks nothing is lost.
 */
import Dexie, { type Table } from 'dexie';
import type { Account, ContactChunkRow, Deal, InputRow, MessageChunkRow, MetaRow, RunChunkRow, TraceBlockRow } from './records';

/** Database name of a workspace. */
export function workspaceDbName(id: string): string {
	return `journey-studio-ws-${id}`;
}

/** The schema history: version → store definitions. Append only. */
export const WORKSPACE_VERSIONS: { version: number; stores: Record<string, string | null> }[] = [
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
	inputs!: Table<InputRow, number>;

	constructor(id: string, opts?: { indexedDB?: IDBFactory; IDBKeyRange?: typeof IDBKeyRange }) {
		super(workspaceDbName(id), opts);
		for (const v of WORKSPACE_VERSIONS) this.version(v.version).stores(v.stores);
	}
}
