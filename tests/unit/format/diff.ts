/** A short, readable account of where two texts start to differ (for golden-file failures). */
export function firstDifference(expected: string, actual: string, context = 3, max = 12): string | null {
	if (expected === actual) return null;
	const a = expected.split('\n');
	const b = actual.split('\n');
	let i = 0;
	while (i < a.length && i < b.length && a[i] === b[i]) i++;
	// Align the tails to show only the changed block.
	let ea = a.length - 1;
	let eb = b.length - 1;
	while (ea > i && eb > i && a[ea] === b[eb]) {
		ea--;
		eb--;
	}
	const out = [`first difference at line ${i + 1}:`];
	for (let k = Math.max(0, i - context); k < i; k++) out.push(`    ${k + 1}  ${a[k]}`);
	const minus = a.slice(i, Math.min(ea + 1, i + max));
	const plus = b.slice(i, Math.min(eb + 1, i + max));
	for (const [k, line] of minus.entries()) out.push(`  - ${i + k + 1}  ${line}`);
	if (ea + 1 - i > max) out.push(`  - … ${ea + 1 - i - max} more line(s)`);
	for (const [k, line] of plus.entries()) out.push(`  + ${i + k + 1}  ${line}`);
	if (eb + 1 - i > max) out.push(`  + … ${eb + 1 - i - max} more line(s)`);
	return out.join('\n');
}
