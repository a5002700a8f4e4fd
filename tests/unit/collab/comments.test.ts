/** Comment threads in the draft document: replies, resolve/reopen, own deletions, orphans, merges. */
import { describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { Awareness } from 'y-protocols/awareness';
import * as awarenessProtocol from 'y-protocols/awareness';
import { addComment, deleteComment, deleteReply, isOrphan, listComments, openCounts, replyTo, setResolved } from '../../../src/lib/collab/comments';
import { docToDef, seedUpdate, writeDef } from '../../../src/lib/collab/convert';
import { deleteSteps } from '../../../src/lib/collab/ops';
import { CursorPublisher, peersOf, setEditing } from '../../../src/lib/collab/presence';
import type { AutomationDef } from '../../../src/lib/engine/schema/automation';
import { Network, prng } from './net';

const ada = { id: 'ada', name: 'Ada', color: '#3454d1' };
const bob = { id: 'bob', name: 'Bob', color: '#c2410c' };
const def: AutomationDef = {
	id: 'c',
	name: 'C',
	status: 'draft',
	entry: 'multiple',
	triggers: [{ id: 'go', kind: 'manual', runs: 'every' }],
	steps: [
		{ id: 'a', kind: 'tag.add', tag: 'a', next: 'b' },
		{ id: 'b', kind: 'tag.add', tag: 'b' }
	]
};

function two() {
	const a = new Y.Doc();
	const b = new Y.Doc();
	Y.applyUpdate(a, seedUpdate(def));
	Y.applyUpdate(b, seedUpdate(def));
	return { a, b, net: new Network([a, b], prng(3)) };
}

describe('comments', () => {
	it('a thread with replies, resolved then reopened, seen the same by both peers', () => {
		const { a, b, net } = two();
		const id = addComment(a, { type: 'step', id: 'b' }, ada, '  Is two days enough?  ', 100)!;
		net.settle();
		replyTo(b, id, bob, 'Make it three', 200);
		net.settle();
		setResolved(a, id, true, ada);
		net.settle();
		const [t] = listComments(b);
		expect(t).toMatchObject({ id, target: { type: 'step', id: 'b' }, author: ada, text: 'Is two days enough?', resolved: true, resolvedBy: ada });
		expect(t.replies.map((r) => [r.author.name, r.text])).toEqual([['Bob', 'Make it three']]);
		expect(openCounts(listComments(b)).size).toBe(0);
		setResolved(b, id, false, bob);
		net.settle();
		expect(openCounts(listComments(a)).get('s:b')).toBe(1);
		expect(listComments(a)[0].resolvedBy).toBeNull();
	});

	it('keeps text as plain text and ignores empty messages', () => {
		const doc = new Y.Doc();
		expect(addComment(doc, { type: 'step', id: 'a' }, ada, '   ', 1)).toBeNull();
		addComment(doc, { type: 'trigger', id: 'go' }, ada, '<img src=x onerror=alert(1)>', 1);
		expect(listComments(doc)[0].text).toBe('<img src=x onerror=alert(1)>');
		expect(openCounts(listComments(doc)).get('t:go')).toBe(1);
	});

	it('only the author deletes a comment or a reply', () => {
		const doc = new Y.Doc();
		const id = addComment(doc, { type: 'step', id: 'a' }, ada, 'Mine', 1)!;
		const r = replyTo(doc, id, bob, 'His', 2)!;
		expect(deleteReply(doc, id, r, ada)).toBe(false);
		expect(deleteReply(doc, id, r, bob)).toBe(true);
		expect(deleteComment(doc, id, bob)).toBe(false);
		expect(deleteComment(doc, id, ada)).toBe(true);
		expect(listComments(doc)).toEqual([]);
	});

	it('survive the deletion of their step (orphaned), and never enter the definition', () => {
		const doc = new Y.Doc();
		Y.applyUpdate(doc, seedUpdate(def));
		addComment(doc, { type: 'step', id: 'b' }, ada, 'About b', 1);
		doc.transact(() => writeDef(doc, deleteSteps(docToDef(doc), ['b']).def));
		const [t] = listComments(doc);
		expect(isOrphan(t, docToDef(doc))).toBe(true);
		expect(JSON.stringify(docToDef(doc))).not.toContain('About b');
	});

	it('a reply to a thread deleted meanwhile is dropped; concurrent resolve and reply both stick', () => {
		const { a, b, net } = two();
		const id = addComment(a, { type: 'step', id: 'a' }, ada, 'Hello', 1)!;
		net.settle();
		setResolved(a, id, true, ada);
		replyTo(b, id, bob, 'Sure', 2);
		net.settle();
		expect(listComments(a)[0]).toMatchObject({ resolved: true, replies: [{ text: 'Sure' }] });
		deleteComment(a, id, ada);
		replyTo(b, id, bob, 'Wait', 3);
		net.settle();
		expect(listComments(a)).toEqual([]);
		expect(listComments(b)).toEqual([]);
	});
});

describe('presence', () => {
	it('publishes throttled cursors and the field being edited; others read them', () => {
		vi.useFakeTimers();
		try {
			const doc = new Y.Doc();
			const aw = new Awareness(doc);
			aw.setLocalState({ user: ada, selection: [] });
			let now = 1000;
			const sent: unknown[] = [];
			aw.on('change', () => sent.push(aw.getLocalState()!.cursor));
			const pub = new CursorPublisher(aw, 50, () => now);
			pub.move({ x: 10.4, y: 20.6 });
			now += 10;
			pub.move({ x: 11, y: 21 });
			now += 10;
			pub.move({ x: 12, y: 22 });
			expect(sent).toEqual([{ x: 10, y: 21 }]);
			now += 40;
			vi.advanceTimersByTime(40);
			expect(sent).toEqual([{ x: 10, y: 21 }, { x: 12, y: 22 }]);
			pub.move(null);
			expect(aw.getLocalState()!.cursor).toBeNull();
			setEditing(aw, { target: 's:a', field: 'tag' });
			// Another peer sees it.
			const other = new Awareness(new Y.Doc());
			const { encodeAwarenessUpdate, applyAwarenessUpdate } = awarenessProtocol;
			applyAwarenessUpdate(other, encodeAwarenessUpdate(aw, [doc.clientID]), 'net');
			expect(peersOf(other)).toEqual([{ client: doc.clientID, user: ada, selection: [], cursor: null, editing: { target: 's:a', field: 'tag' } }]);
			pub.destroy();
		} finally {
			vi.useRealTimers();
		}
	});
});
