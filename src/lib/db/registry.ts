/** The registry database: which workspaces exist. */
import Dexie, { type Table } from 'dexie';

/** A workspace as listed in the switcher. */
export interface WorkspaceEntry {
	id: string;
	name: string;
	/** "live" follows real time and sends for real; "simulation" has its own clock and a local inbox. */
	kind: 'live' | 'simulation';
	createdAt: number;
	updatedAt: number;
	/** What it was made from ("empty", "template:<id>", "copy:<id>", "scenario:<name>", "import"). */
	origin: string;
	description?: string;
}

/** The registry's schema history (append only). */
export const REGISTRY_VERSIONS: { version: number; stores: Record<string, string | null> }[] = [
	{ version: 1, stores: { workspaces: '&id, kind, updatedAt' } }
];

export class RegistryDb extends Dexie {
	workspaces!: Table<WorkspaceEntry, string>;

	constructor(opts?: { indexedDB?: IDBFactory; IDBKeyRange?: typeof IDBKeyRange }) {
		super('journey-studio', opts);
		for (const v of REGISTRY_VERSIONS) this.version(v.version).stores(v.stores);
	}
}
