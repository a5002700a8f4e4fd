/**
 * The local user as peers see them: an id and a colour kept per browser, and a display name the
 * user may set (collaboration features ask for it; by default a neutral "Guest 1234").
 */
import type { DraftUser } from './draft';

const KEY = 'journey-studio:user';
const COLORS = ['#3454d1', '#c2410c', '#15803d', '#9333ea', '#b91c1c', '#0e7490', '#a16207', '#be185d'];

/** This browser's user (created on first use). */
export function localUser(storage: Pick<Storage, 'getItem' | 'setItem'> = localStorage): DraftUser {
	try {
		const saved = JSON.parse(storage.getItem(KEY) ?? 'null') as DraftUser | null;
		if (saved?.id && saved.name && saved.color) return saved;
	} catch {
		// A corrupt entry is replaced below.
	}
	const n = Math.floor(Math.random() * 9000) + 1000;
	const user: DraftUser = { id: `u-${n}-${Math.random().toString(36).slice(2, 8)}`, name: `Guest ${n}`, color: COLORS[n % COLORS.length] };
	storage.setItem(KEY, JSON.stringify(user));
	return user;
}

/** Changes the display name. */
export function renameLocalUser(name: string, storage: Pick<Storage, 'getItem' | 'setItem'> = localStorage): DraftUser {
	const user = { ...localUser(storage), name: name.trim() || localUser(storage).name };
	storage.setItem(KEY, JSON.stringify(user));
	return user;
}
