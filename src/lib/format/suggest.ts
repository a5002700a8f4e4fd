/** "Did you mean…?": the closest candidate to a misspelt name. */

/** Edit distance (insertions, deletions, substitutions, adjacent swaps) between two strings. */
export function editDistance(a: string, b: string): number {
	const m = a.length;
	const n = b.length;
	let prev2: number[] = [];
	let prev = Array.from({ length: n + 1 }, (_, j) => j);
	for (let i = 1; i <= m; i++) {
		const cur = [i];
		for (let j = 1; j <= n; j++) {
			const cost = a[i - 1] === b[j - 1] ? 0 : 1;
			let v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
			if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2] + 1);
			cur.push(v);
		}
		prev2 = prev;
		prev = cur;
	}
	return prev[n];
}

/**
 * The candidate closest to `word` (case-insensitive, `_`, `-`, `.` and spaces ignored), or null
 * when none is close enough to be a plausible typo.
 */
export function closest(word: string, candidates: readonly string[]): string | null {
	const norm = (s: string) => s.toLowerCase().replace(/[\s_.-]+/g, '');
	const w = norm(word);
	let best: string | null = null;
	let bestD = Infinity;
	for (const c of candidates) {
		const cn = norm(c);
		let d = editDistance(w, cn);
		// "subscribe" for "list.subscribe": a candidate that ends with or starts with the word is close.
		if (w.length >= 3 && (cn.endsWith(w) || cn.startsWith(w))) d = Math.min(d, 1);
		if (d < bestD) {
			bestD = d;
			best = c;
		}
	}
	if (best === null) return null;
	const limit = Math.max(1, Math.floor(Math.max(w.length, 3) / 3));
	return bestD <= limit ? best : null;
}
