/**
 * Full-workspace backups: engine state (with runs and trace), messages, scheduled inputs and the
 * clock, as JSON text a person can download and restore. Typed arrays are stored base64-encoded.
 */
import type { RestoreParts } from '../engine/state';
import type { InputRow, MessageRecord } from '../db/records';
import type { WorkspaceEntry } from '../db/registry';
import type { ClockState } from './clock';

export const BACKUP_FORMAT = 'journey-studio/backup';
export const BACKUP_VERSION = 1;

/** A backup as data. */
export interface Backup {
	format: typeof BACKUP_FORMAT;
	version: number;
	createdAt: number;
	entry: WorkspaceEntry;
	clock: ClockState;
	engine: RestoreParts;
	messages: MessageRecord[];
	inputs: InputRow[];
}

type TypedArray = Float64Array | Int32Array | Int16Array | Uint8Array;
const CTORS: Record<string, new (b: ArrayBuffer) => TypedArray> = { Float64Array, Int32Array, Int16Array, Uint8Array };

/** JSON text of a backup (typed arrays as base64, NaN kept). */
export function backupToJson(b: Backup): string {
	return JSON.stringify(b, (_k, v) => {
		if (ArrayBuffer.isView(v) && !(v instanceof DataView)) {
			const ta = v as TypedArray;
			return { __typed: ta.constructor.name, data: toBase64(new Uint8Array(ta.buffer, ta.byteOffset, ta.byteLength)) };
		}
		if (typeof v === 'number' && !Number.isFinite(v)) return { __num: String(v) };
		return v;
	});
}

/** Parses backup JSON text; throws an Error naming what is wrong. */
export function backupFromJson(text: string | unknown): Backup {
	const revive = (_k: string, v: unknown) => {
		if (v && typeof v === 'object') {
			const o = v as { __typed?: string; data?: string; __num?: string };
			if (o.__typed) {
				const Ctor = CTORS[o.__typed];
				if (!Ctor) throw new Error(`Unknown array type ${o.__typed} in backup`);
				const bytes = fromBase64(o.data ?? '');
				return new Ctor(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
			}
			if (o.__num !== undefined) return Number(o.__num);
		}
		return v;
	};
	const b = (typeof text === 'string' ? JSON.parse(text, revive) : JSON.parse(JSON.stringify(text), revive)) as Backup;
	if (!b || b.format !== BACKUP_FORMAT) throw new Error('This file is not a Journey Studio backup (format field missing or different).');
	if (b.version !== BACKUP_VERSION) throw new Error(`Backup version ${b.version} is not supported (expected ${BACKUP_VERSION}).`);
	if (!b.engine?.meta || !Array.isArray(b.engine.contacts)) throw new Error('The backup has no engine state.');
	return b;
}

function toBase64(bytes: Uint8Array): string {
	let s = '';
	const CH = 0x8000;
	for (let i = 0; i < bytes.length; i += CH) s += String.fromCharCode(...bytes.subarray(i, i + CH));
	return btoa(s);
}

function fromBase64(b64: string): Uint8Array {
	const s = atob(b64);
	const out = new Uint8Array(s.length);
	for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
	return out;
}
