import { describe, expect, it } from 'vitest';
import { MINUTE } from '../../../../src/lib/engine/core/time';
import { buildPrompt } from '../../../../src/lib/engine/steps/ai-prompt';
import { restoreEngine, snapshot } from '../../../../src/lib/engine/state';
import { automation, codes, diagnose, expectPlainJson, must, run, stepLogs, T0, where } from './util';

const fields = [
	{ key: 'feedback', label: 'Feedback', type: 'textarea' },
	{ key: 'sentiment', label: 'Sentiment', type: 'dropdown', options: ['positive', 'neutral', 'negative'] },
	{ key: 'summary', label: 'Summary', type: 'text' },
	{ key: 'stars', label: 'Stars', type: 'number' }
];
const ws = { fields, contacts: [{ id: 'c1', firstName: 'Anna', fields: { feedback: 'Great service, slow delivery.' } }] };
const ai = { id: 'ai', kind: 'ai.prompt', source: 'feedback', task: 'sentiment', output: 'sentiment', next: 'tag' };
const tag = { id: 'tag', kind: 'tag.add', tag: 'analysed' };

describe('ai.prompt', () => {
	it('emits an awaited prompt and holds the contact until the answer', () => {
		const e = run([ai, tag], ws);
		const [fx] = e.takeEffects();
		expect(fx.kind).toBe('ai.prompt');
		expect(fx.awaitUntil).toBe(T0 + MINUTE);
		expect(fx.payload).toEqual({
			task: 'sentiment',
			prompt: 'Classify the sentiment of the following text as positive, neutral or negative. Answer with one word.\n\nGreat service, slow delivery.',
			input: 'Great service, slow delivery.',
			language: null,
			output: 'sentiment'
		});
		expectPlainJson(fx.payload);
		expect(where(e)).toBe('waiting@ai');
		must(e, { type: 'effect.resolved', at: T0 + 5000, key: fx.key, ok: true, value: ' Positive\n' });
		expect(e.world.contact('c1')!.fields.sentiment).toBe('positive');
		expect(where(e)).toBe('completed@tag');
		expect(stepLogs(e, 'ai')).toEqual([
			{ code: 'effect_emitted', detail: { key: fx.key, until: T0 + MINUTE } },
			{ code: 'result_received', detail: { key: fx.key, field: 'sentiment', changed: true } }
		]);
		expect(e.statsFor('a', 'ai')).toMatchObject({ entered: 1, waiting: 0, completed: 1 });
	});

	it('times out and continues (default), ignoring a late answer', () => {
		const e = run([{ ...ai, timeout: { minutes: 2 } }, tag], ws);
		const [fx] = e.takeEffects();
		e.advanceTo(T0 + 2 * MINUTE);
		expect(where(e)).toBe('completed@tag');
		expect(stepLogs(e, 'ai').at(-1)).toEqual({ code: 'result_failed', detail: { reason: 'timeout' } });
		expect(e.awaiting.size).toBe(0);
		must(e, { type: 'effect.resolved', at: T0 + 3 * MINUTE, key: fx.key, ok: true, value: 'negative' });
		expect(e.world.contact('c1')!.fields.sentiment).toBeUndefined();
	});

	it('exits on failure when asked', () => {
		const e = run([{ ...ai, onFailure: 'exit' }, tag], ws);
		const [fx] = e.takeEffects();
		must(e, { type: 'effect.resolved', at: T0 + 1000, key: fx.key, ok: false, error: 'rate limited' });
		expect(where(e)).toBe('exited@ai');
		expect(stepLogs(e, 'ai').slice(1)).toEqual([
			{ code: 'result_failed', detail: { reason: 'error', error: 'rate limited' } },
			{ code: 'exited', detail: { reason: 'result_failed', step: 'ai' } }
		]);
		expect(e.statsFor('a', 'ai').waiting).toBe(0);
	});

	it('treats an answer that does not fit the output field as a failure', () => {
		const e = run([{ ...ai, task: 'custom', prompt: 'How many stars (1-5) would %FIRSTNAME% give? {input}', output: 'stars' }, tag], ws);
		const [fx] = e.takeEffects();
		expect(fx.payload.prompt).toBe('How many stars (1-5) would Anna give? Great service, slow delivery.');
		must(e, { type: 'effect.resolved', at: T0 + 1000, key: fx.key, ok: true, value: 'four' });
		expect(stepLogs(e, 'ai').at(-1)).toEqual({ code: 'result_failed', detail: { reason: 'not_a_number', value: 'four' } });
		expect(where(e)).toBe('completed@tag');
	});

	it('skips an empty source without calling the AI', () => {
		const e = run([ai, tag], { fields, contacts: [{ id: 'c1' }] });
		expect(e.takeEffects()).toEqual([]);
		expect(stepLogs(e, 'ai')).toEqual([{ code: 'step_skipped', detail: { reason: 'source_empty', field: 'feedback' } }]);
	});

	it('re-arms the timeout from the time already spent when a new version changes it', () => {
		const e = run([ai, tag], ws);
		e.takeEffects();
		e.advanceTo(T0 + 30_000);
		must(e, { type: 'automation.published', at: T0 + 30_000, automation: automation([{ ...ai, timeout: { minutes: 5 } }, tag]) });
		e.advanceTo(T0 + 4 * MINUTE);
		expect(where(e)).toBe('waiting@ai');
		e.advanceTo(T0 + 5 * MINUTE);
		expect(where(e)).toBe('completed@tag');
		expect(stepLogs(e, 'ai').at(-1)).toEqual({ code: 'result_failed', detail: { reason: 'timeout' } });
	});

	it('keeps waiting across a save and restore of the engine', () => {
		const saved = run([ai, tag], ws);
		const [fx] = saved.takeEffects();
		const e = restoreEngine(snapshot(saved));
		expect(where(e)).toBe('waiting@ai');
		must(e, { type: 'effect.resolved', at: T0 + 1000, key: fx.key, ok: true, value: 'neutral' });
		expect(e.world.contact('c1')!.fields.sentiment).toBe('neutral');
		expect(where(e)).toBe('completed@tag');
	});

	it('builds prompts', () => {
		expect(buildPrompt('Translate into {language}: {input}', 'Bonjour', 'English')).toBe('Translate into English: Bonjour');
		expect(buildPrompt('List the products mentioned.', 'I bought a lamp', '')).toBe('List the products mentioned.\n\nI bought a lamp');
	});

	it('validates settings', () => {
		expect(codes(diagnose([{ ...ai, next: null, task: 'translate', output: 'email', timeout: { minutes: 0 } }], { fields }))).toEqual([
			'ai.output_standard@error',
			'ai.language_missing@error',
			'await.timeout@error'
		]);
		expect(codes(diagnose([{ ...ai, next: null, task: 'extract', source: 'ghost', output: 'feedback' }], { fields }))).toEqual(['ref.field@error', 'ai.prompt_missing@error']);
		expect(codes(diagnose([{ ...ai, next: null, output: 'feedback' }], { fields }))).toEqual(['ai.same_field@warning']);
		expect(codes(diagnose([{ ...ai, next: null }], { fields, plan: { tier: 'starter', addons: [] } }))).toEqual([]);
	});
});
