/** Plain-text tables for benchmark rows and their targets (no dependencies, fixed-width columns). */
import { targetMet, type Cell, type Row, type Target } from './suite';

/** Formats a figure: thousands grouped from 100 up, one decimal from 10, two below. */
export function formatCell(v: Cell): string {
	if (v === null) return '—';
	if (typeof v === 'string') return v;
	if (!Number.isFinite(v)) return String(v);
	const a = Math.abs(v);
	if (a >= 100) return Math.round(v).toLocaleString('en-US');
	if (a >= 10) return v.toFixed(1);
	return v.toFixed(2);
}

/** Renders rows as a table: first column the row name, then every value column in order of first use. */
export function renderTable(rows: Row[]): string {
	const cols: string[] = [];
	for (const r of rows) for (const k of Object.keys(r.values)) if (!cols.includes(k)) cols.push(k);
	const head = ['', ...cols];
	const body = rows.map((r) => [r.name, ...cols.map((c) => formatCell(r.values[c] ?? null))]);
	const width = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
	const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(width[i]) : c.padStart(width[i]))).join('  ');
	return [line(head), width.map((w) => '─'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}

/** Renders every target of the rows: label, measured figure, goal, PASS / MISS (or "n/a"). */
export function renderTargets(rows: Row[]): string {
	const ts: Target[] = rows.flatMap((r) => r.targets ?? []);
	if (!ts.length) return '';
	const op = { '<': '<', '<=': '≤', '>': '>', '>=': '≥' } as const;
	const body = ts.map((t) => {
		const met = targetMet(t);
		const unit = t.unit ? ` ${t.unit}` : '';
		return [t.label, t.value === null ? 'not measured' : formatCell(t.value) + unit, `${op[t.op]} ${formatCell(t.limit)}${unit}`, met === null ? 'n/a' : met ? 'PASS' : 'MISS'];
	});
	const width = [0, 1, 2, 3].map((i) => Math.max(...body.map((b) => b[i].length)));
	return ['targets:', ...body.map((b) => '  ' + [b[0].padEnd(width[0]), b[1].padStart(width[1]), b[2].padEnd(width[2]), b[3]].join('   '))].join('\n');
}
