/**
 * Stored drafts (y-indexeddb over fake-indexeddb): a draft with 1,000 edits reloads to the same
 * definition and comments, and opening and closing it many times without editing never grows
 * what is stored. (Reload times are measured by `npm run bench -- --only collab`, not asserted.)
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { DraftDoc } from '../../../src/lib/collab/draft';
import { listComments } from '../../../src/lib/collab/comments';
import { storedSize } from '../../../src/lib/collab/persistence';
import { editSession, sessionSeed } from './history';

const user = { id: 'u', name: 'Ada', color: '#123456' };
const open = (automation: string) => DraftDoc.open({ workspace: 'ws', automation, user, channel: null }, async () => sessionSeed);

describe('stored drafts', () => {
	it('a draft with 1,000 edits reloads identically, and reopening it 30 times does not grow it', async () => {
		const d = await open('thousand');
		editSession(d, 1000);
		const def = JSON.stringify(d.def);
		const comments = JSON.stringify(listComments(d.doc));
		const name = d.name;
		d.destroy();
		// Let y-indexeddb finish its writes.
		await new Promise((r) => setTimeout(r, 50));
		const written = await storedSize(name);
		expect(written.entries).toBeGreaterThan(100);

		const sizes: { bytes: number; entries: number }[] = [];
		for (let i = 0; i < 30; i++) {
			const again = await open('thousand');
			expect(JSON.stringify(again.def)).toBe(def);
			expect(JSON.stringify(listComments(again.doc))).toBe(comments);
			again.destroy();
			await new Promise((r) => setTimeout(r, 5));
			sizes.push(await storedSize(name));
		}
		// The first reopen merges the edit log into one entry; after that nothing changes.
		expect(sizes[0].entries).toBe(1);
		expect(sizes[0].bytes).toBeLessThan(written.bytes);
		for (const s of sizes) expect(s).toEqual(sizes[0]);
	});

	it('a never-edited draft stays one entry of the same size', async () => {
		const first = await open('untouched');
		const name = first.name;
		first.destroy();
		await new Promise((r) => setTimeout(r, 5));
		const sizes = [];
		for (let i = 0; i < 10; i++) {
			(await open('untouched')).destroy();
			await new Promise((r) => setTimeout(r, 5));
			sizes.push(await storedSize(name));
		}
		for (const s of sizes) expect(s).toEqual(sizes[0]);
		expect(sizes[0].entries).toBe(1);
	});
});
