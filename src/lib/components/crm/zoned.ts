/** Converting between virtual instants and `datetime-local` values in the workspace's time zone. */

/** Offset of `zone` from UTC at instant `t`, in ms. */
function offsetAt(t: number, zone: string): number {
	const parts = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' }).formatToParts(t);
	const get = (type: string) => Number(parts.find((p) => p.type === type)!.value);
	const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
	return asUtc - Math.floor(t / 1000) * 1000;
}

/** "YYYY-MM-DDTHH:mm" of an instant in a zone (for datetime-local inputs). */
export function toLocalInput(t: number, zone: string): string {
	const d = new Date(t + offsetAt(t, zone));
	return d.toISOString().slice(0, 16);
}

/** The instant of a "YYYY-MM-DDTHH:mm" wall time in a zone (NaN when empty or invalid). */
export function fromLocalInput(value: string, zone: string): number {
	if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value)) return NaN;
	const wall = Date.parse(`${value}:00Z`);
	// Two passes settle the offset around daylight-saving changes.
	let t = wall - offsetAt(wall, zone);
	t = wall - offsetAt(t, zone);
	return t;
}
