/**
 * Simulated answers for effects that return a result, used in simulation workspaces where nothing
 * leaves the browser: an AI prompt gets a local, deterministic transformation of its input (marked
 * as simulated), a connector gets a simulated record id.
 */
import type { Effect } from '../engine/effects';
import { hashString } from '../engine/core/random';

const POSITIVE = ['good', 'great', 'love', 'excellent', 'happy', 'thanks', 'merci', 'super', 'parfait', 'amazing', 'perfect', 'bien'];
const NEGATIVE = ['bad', 'terrible', 'hate', 'awful', 'angry', 'refund', 'broken', 'nul', 'mauvais', 'problème', 'problem', 'slow'];

/** The simulated result value of an awaited effect (null when the kind returns nothing). */
export function simulatedResult(e: Effect): string | null {
	const p = e.payload as Record<string, unknown>;
	if (e.kind === 'ai.prompt') {
		const input = String(p.input ?? '');
		switch (p.task) {
			case 'summarize': {
				const first = input.split(/(?<=[.!?])\s+/)[0] ?? '';
				return first.length > 140 ? first.slice(0, 137) + '…' : first;
			}
			case 'sentiment': {
				const words = input.toLowerCase().split(/[^\p{L}]+/u);
				const score = words.filter((w) => POSITIVE.includes(w)).length - words.filter((w) => NEGATIVE.includes(w)).length;
				return score > 0 ? 'positive' : score < 0 ? 'negative' : 'neutral';
			}
			case 'extract': {
				const found = input.match(/[\w.+-]+@[\w-]+\.[\w.]+|https?:\/\/\S+|\+?\d[\d\s().-]{6,}\d/g);
				return found ? found.join(', ') : '';
			}
			case 'translate':
				return `[${String(p.language ?? 'en')}] ${input}`;
			default:
				return `[simulated AI] ${input.slice(0, 200)}`;
		}
	}
	if (e.kind.startsWith('salesforce.')) return `SIM${(hashString(e.key) % 1e9).toString(36).toUpperCase().padStart(6, '0')}`;
	return null;
}
