/**
 * The AI prompt step through any OpenAI-compatible chat-completions endpoint (OpenAI, a local
 * Ollama at http://localhost:11434/v1, LM Studio, vLLM…). The answer is the result value the
 * engine writes into the step's output field.
 */
import { DeliveryError, jsonOf, joinUrl } from './http';
import { call } from './call';
import type { DeliverCtx, Delivered, OutMessage } from './types';

export const AI_SYSTEM_PROMPT = 'You transform data about a marketing contact. Answer with the result only, without any preamble.';

/** Sends one prompt; resolves with the model's answer. */
export async function complete(ctx: DeliverCtx<'ai'>, key: string, prompt: string): Promise<string> {
	const s = ctx.settings;
	const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
	if (ctx.secrets.apiKey) headers.authorization = `Bearer ${ctx.secrets.apiKey}`;
	const res = await call(
		ctx,
		key,
		{
			method: 'POST',
			url: joinUrl(s.baseUrl, '/chat/completions'),
			headers,
			body: JSON.stringify({ model: s.model, temperature: s.temperature, stream: false, messages: [{ role: 'system', content: AI_SYSTEM_PROMPT }, { role: 'user', content: prompt }] })
		},
		'AI endpoint'
	);
	const j = jsonOf(res) as { choices?: { message?: { content?: string } }[] } | null;
	const text = j?.choices?.[0]?.message?.content;
	if (typeof text !== 'string') throw new DeliveryError({ kind: 'permanent', code: 'ai_answer', status: res.status, message: 'The AI endpoint answered without choices[0].message.content (is it OpenAI-compatible?).' });
	return text.trim();
}

export async function deliverAi(m: OutMessage, ctx: DeliverCtx<'ai'>): Promise<Delivered> {
	const prompt = String((m.payload as { prompt?: string }).prompt ?? '');
	return { value: await complete(ctx, m.idempotencyKey, prompt) };
}
