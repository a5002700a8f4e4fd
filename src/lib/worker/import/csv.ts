/**
 * CSV reading with PapaParse, in the backend worker: streamed in chunks, yielding between them so
 * that progress reaches the page, delimiter detected, byte-order mark dropped, header names made
 * unique. Rows whose cell count differs from the header's are kept and reported by the importer.
 */
import Papa from 'papaparse';
import { safeCell } from './cells';

export { safeCell, unsafeCell } from './cells';

/** A parsed file: header names and data rows (strings, untyped). */
export interface ParsedCsv {
	headers: string[];
	rows: string[][];
	delimiter: string;
	/** Problems of the file as a whole (unclosed quote…), by spreadsheet row number (header = 1). */
	problems: { row: number; code: string; message: string }[];
}

/** Progress callback: bytes (or characters) read so far, of the total. */
export type Progress = (done: number, total: number) => void;

const CHUNK = 1 << 19;

/** Parses a CSV text or file. Never rejects on bad content: problems are in the result. */
export function parseCsv(input: string | Blob, onProgress?: Progress): Promise<ParsedCsv> {
	const total = typeof input === 'string' ? input.length : input.size;
	const text = typeof input === 'string' && input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
	const rows: string[][] = [];
	const problems: ParsedCsv['problems'] = [];
	let delimiter = ',';
	return new Promise((resolve, reject) => {
		Papa.parse<string[]>(text as string, {
			header: false,
			skipEmptyLines: 'greedy',
			chunkSize: CHUNK,
			chunk(res, parser) {
				delimiter = res.meta.delimiter || delimiter;
				const base = rows.length;
				for (const r of res.data) rows.push(r);
				for (const e of res.errors)
					if (e.code !== 'UndetectableDelimiter' && e.code !== 'TooFewFields' && e.code !== 'TooManyFields')
						problems.push({ row: base + (e.row ?? 0) + 1, code: e.code, message: e.message });
				onProgress?.(Math.min(total, res.meta.cursor ?? 0), total);
				// Let progress messages and other calls through between chunks.
				parser.pause();
				setTimeout(() => parser.resume(), 0);
			},
			complete() {
				onProgress?.(total, total);
				const head = rows.shift() ?? [];
				if (head.length && head[0].charCodeAt(0) === 0xfeff) head[0] = head[0].slice(1);
				resolve({ headers: uniqueHeaders(head), rows, delimiter, problems });
			},
			error(err: Error) {
				reject(err);
			}
		});
	});
}

/** Trims header names, names empty ones and makes duplicates unique ("Email (2)"). */
function uniqueHeaders(head: string[]): string[] {
	const seen = new Map<string, number>();
	return head.map((h, i) => {
		const name = h.trim() || `Column ${i + 1}`;
		const n = (seen.get(name.toLowerCase()) ?? 0) + 1;
		seen.set(name.toLowerCase(), n);
		return n === 1 ? name : `${name} (${n})`;
	});
}

/** Writes rows as CSV (RFC 4180 quoting), every cell neutralised with `safeCell`. */
export function toCsv(headers: string[], rows: string[][]): string {
	return Papa.unparse({ fields: headers.map(safeCell), data: rows.map((r) => r.map(safeCell)) }, { newline: '\r\n', quotes: false, escapeFormulae: false });
}
