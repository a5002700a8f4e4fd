/** Readable, unique ids for records created from the CRM screens ("Proposal sent" → "proposal-sent"). */

/** A slug id from a name, unique among `taken` (suffix -2, -3… when needed). */
export function slugId(name: string, taken: (id: string) => boolean, fallback: string): string {
	const base =
		name
			.normalize('NFD')
			.replace(/[\u0300-\u036f]/g, '')
			.toLowerCase()
			.replace(/[^a-z0-9]+/g, '-')
			.replace(/^-+|-+$/g, '')
			.slice(0, 40)
			.replace(/-+$/, '') || fallback;
	return unique(base, taken, '-');
}

/** A lower_snake_case field key from a label, unique among `taken`. */
export function fieldKey(label: string, taken: (key: string) => boolean): string {
	let base = slugId(label, () => false, 'field').replace(/-/g, '_');
	if (!/^[a-z]/.test(base)) base = `f_${base}`;
	return unique(base, taken, '_');
}

function unique(base: string, taken: (id: string) => boolean, sep: string): string {
	if (!taken(base)) return base;
	for (let n = 2; ; n++) if (!taken(`${base}${sep}${n}`)) return `${base}${sep}${n}`;
}
