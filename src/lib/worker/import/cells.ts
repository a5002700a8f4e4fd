/** Spreadsheet-safe cells, shared by the worker's CSV export and the page's error report. */

/** Neutralises a cell for spreadsheets: text starting with = + - @ tab or CR gets a leading apostrophe. */
export function safeCell(value: string): string {
	return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** Undoes `safeCell` on import (our own exports round-trip). */
export function unsafeCell(value: string): string {
	return /^'[=+\-@\t\r]/.test(value) ? value.slice(1) : value;
}

/** One CSV line (RFC 4180 quoting), every cell neutralised. */
export function csvLine(cells: string[]): string {
	return cells
		.map(safeCell)
		.map((c) => (/[",\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c))
		.join(',');
}
