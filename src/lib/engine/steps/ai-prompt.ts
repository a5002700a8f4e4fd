/**
 * AI prompt (AI action library): transforms a contact field's value with a prompt (summarize,
 * sentiment, translate, extract, or a custom prompt) and saves the answer in a custom field. The
 * AI endpoint answers through the host; the contact waits for it up to the timeout.
 */
import { z } from 'zod';
import { valueText, isEmpty } from '../core/values';
import { TraceCode } from '../core/trace';
import { compileTemplate, type Template } from '../personalize';
import { STANDARD_FIELDS } from '../world';
import { defineStep } from './kind';
import { linear, next, stepBase } from './base';
import { renderFor, writeField } from './fields';
import { awaitEffect, awaitFields, awaitHandlers, checkTimeout } from './awaiting';

const Task = z.enum(['summarize', 'sentiment', 'translate', 'extract', 'custom']);
type Task = z.infer<typeof Task>;

const schema = z
	.object({
		...stepBase,
		kind: z.literal('ai.prompt'),
		/** Contact field whose value is transformed. */
		source: z.string().min(1, 'choose the field to transform'),
		task: Task,
		/** The prompt; "{input}" stands for the source value (appended when absent). Personalization allowed. */
		prompt: z.string().optional(),
		/** Target language of "translate", e.g. "French". */
		language: z.string().trim().min(1).optional(),
		/** Custom contact field that receives the answer. */
		output: z.string().min(1, 'choose the field that receives the answer'),
		...awaitFields,
		...next
	})
	.strict();
type Def = z.infer<typeof schema>;

/** Built-in prompts of the library tasks. */
export const DEFAULT_PROMPTS: Record<Exclude<Task, 'custom' | 'extract'>, string> = {
	summarize: 'Summarize the following text in two or three sentences.\n\n{input}',
	sentiment: 'Classify the sentiment of the following text as positive, neutral or negative. Answer with one word.\n\n{input}',
	translate: 'Translate the following text into {language}. Answer with the translation only.\n\n{input}'
};

/** The final prompt: the template rendered, "{language}" and "{input}" substituted. */
export function buildPrompt(rendered: string, input: string, language: string): string {
	const withLang = rendered.replaceAll('{language}', language);
	return withLang.includes('{input}') ? withLang.replaceAll('{input}', input) : `${withLang}\n\n${input}`;
}

export const aiPrompt = defineStep<Def, Template>({
	kind: 'ai.prompt',
	group: 'workflow',
	title: 'AI prompt',
	summary: 'Transforms a field\'s value with an AI prompt (summarize, sentiment, translate, extract) into another custom field.',
	plans: { from: 'starter' },
	schema,
	outputs: linear,
	validate(d, v) {
		v.field(d.source, ['source']);
		if ((STANDARD_FIELDS as readonly string[]).includes(d.output))
			v.report('ai.output_standard', `The answer cannot be saved in the standard field "${d.output}".`, 'Pick a custom field to receive the answer.', ['output']);
		else v.field(d.output, ['output']);
		if ((d.task === 'custom' || d.task === 'extract') && !d.prompt?.trim())
			v.report('ai.prompt_missing', `The "${d.task}" task needs a prompt.`, 'Write the prompt; use {input} where the field value goes.', ['prompt']);
		if (d.task === 'translate' && !d.language)
			v.report('ai.language_missing', 'Translation needs a target language.', 'Enter the language to translate into, e.g. "French".', ['language']);
		if (d.prompt) v.template(d.prompt, ['prompt']);
		if (d.source === d.output)
			v.report('ai.same_field', `The answer overwrites its own source field "${d.source}".`, 'Save the answer in another field to keep the original.', ['output'], 'warning');
		checkTimeout(d, v);
	},
	compile: (d) => compileTemplate(d.prompt?.trim() || DEFAULT_PROMPTS[d.task as keyof typeof DEFAULT_PROMPTS] || '{input}'),
	enter(e, r, s) {
		const input = e.world.getField(e.contactOf(r), s.def.source);
		if (isEmpty(input)) {
			e.log(r, s, TraceCode.step_skipped, { reason: 'source_empty', field: s.def.source });
			return s.out[0];
		}
		const language = s.def.language ?? '';
		return awaitEffect(e, r, s, 'ai.prompt', {
			task: s.def.task,
			prompt: buildPrompt(renderFor(e, r, s.data), valueText(input), language),
			input: valueText(input),
			language: language || null,
			output: s.def.output
		});
	},
	...awaitHandlers<Def, Template>((e, r, s, value) => {
		const res = writeField(e, r, { source: 'contact', field: s.def.output }, value.trim());
		return res.ok ? { ok: true, detail: { field: s.def.output, changed: res.changed } } : { ok: false, reason: res.reason };
	})
});
