/**
 * Safe rendering of email HTML for the inbox: sanitised with DOMPurify, shown in an iframe with
 * `sandbox=""` (no scripts, no forms, no navigation out) through `srcdoc`, with a Content Security
 * Policy that loads nothing from the network (remote images are replaced by their alt text). Links
 * are made inert and numbered; the page lists them beside the frame, where a participant can click
 * them (no postMessage, no script in the frame).
 */
import DOMPurify from 'dompurify';

/** A link found in an email, numbered as marked in the frame. */
export interface EmailLink {
	n: number;
	href: string;
	text: string;
}

const CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'; font-src data:";
const BASE_STYLE =
	'html{background:#fff;color:#1d2433}body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;margin:16px;overflow-wrap:anywhere}' +
	'a{color:#3454d1}sup.link-no{font-size:11px;color:#5d6679;margin-left:2px}.img-off{display:inline-block;border:1px dashed #c5cbd8;color:#5d6679;padding:2px 6px;font-size:12px;border-radius:4px}';

/** Sanitised document for the frame, and the list of its links. */
export function prepareEmail(html: string): { srcdoc: string; links: EmailLink[]; blockedImages: number } {
	const frag = DOMPurify.sanitize(html, {
		RETURN_DOM_FRAGMENT: true,
		FORBID_TAGS: ['form', 'input', 'button', 'textarea', 'select', 'iframe', 'frame', 'object', 'embed', 'base', 'meta', 'link', 'audio', 'video', 'source'],
		FORBID_ATTR: ['srcset', 'ping', 'formaction', 'action', 'background']
	}) as DocumentFragment;
	const links: EmailLink[] = [];
	for (const a of Array.from(frag.querySelectorAll('a'))) {
		const href = (a.getAttribute('href') ?? '').trim();
		a.removeAttribute('target');
		if (!/^(https?:|mailto:)/i.test(href)) {
			a.removeAttribute('href');
			continue;
		}
		const n = links.length + 1;
		links.push({ n, href, text: (a.textContent ?? '').replace(/\s+/g, ' ').trim() || href });
		// Inert inside the frame: the real target is only in the list beside it.
		a.setAttribute('href', `#link-${n}`);
		a.setAttribute('title', href);
		const sup = frag.ownerDocument.createElement('sup');
		sup.className = 'link-no';
		sup.textContent = `[${n}]`;
		a.after(sup);
	}
	let blockedImages = 0;
	for (const img of Array.from(frag.querySelectorAll('img'))) {
		const src = img.getAttribute('src') ?? '';
		if (src.startsWith('data:image/')) continue;
		blockedImages++;
		const span = frag.ownerDocument.createElement('span');
		span.className = 'img-off';
		span.textContent = img.getAttribute('alt') || '🖼';
		img.replaceWith(span);
	}
	const holder = frag.ownerDocument.createElement('div');
	holder.append(frag);
	const srcdoc = `<!doctype html><html><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="${CSP}"><style>${BASE_STYLE}</style></head><body>${holder.innerHTML}</body></html>`;
	return { srcdoc, links, blockedImages };
}
