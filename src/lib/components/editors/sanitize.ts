/**
 * HTML sanitizing with DOMPurify (browser only): email bodies are kept to a small allow-list of
 * formatting tags with safe links; previews are sanitized before going into a sandboxed iframe.
 */
import DOMPurify from 'dompurify';
import { ONE_TO_ONE_TAGS } from '$lib/engine/steps/email-direct';

/** Links may point to web pages, mail addresses or a personalization tag. */
const SAFE_URI = /^(?:https?:|mailto:|%[A-Za-z][A-Za-z0-9_]*%)/i;

/** Tags allowed in an email body written in the editor. */
export const EMAIL_BODY_TAGS = [...ONE_TO_ONE_TAGS, 'h1', 'h2', 'h3', 'div', 'span'];

/** Which allow-list a body follows: library emails, or 1:1 emails (the engine's stricter list). */
export type BodyProfile = 'email' | 'one_to_one';

/** The body reduced to the profile's tags; links keep only a safe href. */
export function sanitizeBody(html: string, profile: BodyProfile = 'email'): string {
	return DOMPurify.sanitize(html, {
		ALLOWED_TAGS: profile === 'email' ? EMAIL_BODY_TAGS : ONE_TO_ONE_TAGS,
		ALLOWED_ATTR: ['href'],
		ALLOWED_URI_REGEXP: SAFE_URI,
		KEEP_CONTENT: true
	});
}

/** A whole rendered email made safe to show (scripts, handlers and forms removed). */
export function sanitizePreview(html: string): string {
	return DOMPurify.sanitize(html, { FORBID_TAGS: ['form', 'input', 'button', 'iframe', 'object', 'embed'], WHOLE_DOCUMENT: false });
}

/** The srcdoc of a preview frame: sanitized body in a minimal document. */
export function previewDocument(bodyHtml: string, dark = false): string {
	const colors = dark ? 'background:#1a1f29;color:#e7eaf1' : 'background:#ffffff;color:#1d2433';
	return `<!doctype html><html><head><meta charset="utf-8"><style>body{margin:16px;font:14px/1.5 system-ui,sans-serif;${colors}}img{max-width:100%}a{color:#3454d1}</style></head><body>${sanitizePreview(bodyHtml)}</body></html>`;
}

/** Whether a link target is allowed in a body. */
export function isSafeLink(url: string): boolean {
	return SAFE_URI.test(url.trim());
}
