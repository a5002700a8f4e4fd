/** Web Crypto helpers shared by connectors: SHA-256, HMAC-SHA256, base64/base64url, random bytes. */

const enc = new TextEncoder();

function subtle(): SubtleCrypto {
	const s = globalThis.crypto?.subtle;
	if (!s) throw new Error('Web Crypto is not available in this context (a secure context is required).');
	return s;
}

/** Lower-case hex SHA-256 of a UTF-8 string. */
export async function sha256Hex(text: string): Promise<string> {
	const buf = await subtle().digest('SHA-256', enc.encode(text));
	return toHex(new Uint8Array(buf));
}

/** HMAC-SHA256 of `data` with raw key bytes. */
export async function hmacSha256(key: Uint8Array, data: string): Promise<Uint8Array> {
	const k = await subtle().importKey('raw', key as BufferSource, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
	return new Uint8Array(await subtle().sign('HMAC', k, enc.encode(data)));
}

/** `n` random bytes from the platform CSPRNG. */
export function randomBytes(n: number): Uint8Array {
	const out = new Uint8Array(n);
	globalThis.crypto.getRandomValues(out);
	return out;
}

export function toHex(bytes: Uint8Array): string {
	let s = '';
	for (const b of bytes) s += b.toString(16).padStart(2, '0');
	return s;
}

/** Standard base64 of bytes. */
export function toBase64(bytes: Uint8Array): string {
	let s = '';
	for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
	return btoa(s);
}

/** Bytes of standard or url-safe base64 (throws on invalid input). */
export function fromBase64(text: string): Uint8Array {
	const norm = text.replace(/-/g, '+').replace(/_/g, '/');
	const padded = norm + '='.repeat((4 - (norm.length % 4)) % 4);
	const s = atob(padded);
	const out = new Uint8Array(s.length);
	for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
	return out;
}

/** URL-safe base64 without padding. */
export function toBase64Url(bytes: Uint8Array): string {
	return toBase64(bytes).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** UTF-8 bytes of a string. */
export function utf8(text: string): Uint8Array {
	return enc.encode(text);
}

/** Constant-time comparison of two strings of equal length. */
export function safeEqual(a: string, b: string): boolean {
	if (a.length !== b.length) return false;
	let d = 0;
	for (let i = 0; i < a.length; i++) d |= a.charCodeAt(i) ^ b.charCodeAt(i);
	return d === 0;
}
