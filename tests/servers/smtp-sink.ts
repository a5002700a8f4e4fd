/** An SMTP server on loopback that keeps what it accepts (smtp-server package). */
import { SMTPServer } from 'smtp-server';

/** One received message. */
export interface ReceivedMail {
	from: string;
	to: string[];
	raw: string;
	/** Header names lower-cased; folded lines unfolded. */
	headers: Record<string, string>;
	messageId: string;
	subject: string;
}

/** Headers of a raw RFC 5322 message. */
export function parseHeaders(raw: string): Record<string, string> {
	const head = raw.split(/\r?\n\r?\n/)[0];
	const out: Record<string, string> = {};
	for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
		const i = line.indexOf(':');
		if (i > 0) out[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
	}
	return out;
}

export interface SmtpSink {
	port: number;
	url: string;
	mails: ReceivedMail[];
	/** Recipients matching this are refused with 550 (a hard bounce). */
	rejectRcpt: RegExp | null;
	/** Recipients matching this are deferred with 451. */
	deferRcpt: RegExp | null;
	close(): Promise<void>;
}

export async function startSmtpSink(port: number): Promise<SmtpSink> {
	const sink = { port, url: `smtp://127.0.0.1:${port}`, mails: [] as ReceivedMail[], rejectRcpt: null as RegExp | null, deferRcpt: null as RegExp | null, close: async () => {} };
	const server = new SMTPServer({
		authOptional: true,
		disabledCommands: ['STARTTLS'],
		logger: false,
		onRcptTo(addr, _session, cb) {
			if (sink.rejectRcpt?.test(addr.address)) return cb(Object.assign(new Error('5.1.1 No such user'), { responseCode: 550 }));
			if (sink.deferRcpt?.test(addr.address)) return cb(Object.assign(new Error('4.2.1 Try later'), { responseCode: 451 }));
			cb();
		},
		onData(stream, session, cb) {
			const chunks: Buffer[] = [];
			stream.on('data', (c: Buffer) => chunks.push(c));
			stream.on('end', () => {
				const raw = Buffer.concat(chunks).toString('utf8');
				const headers = parseHeaders(raw);
				sink.mails.push({
					from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
					to: session.envelope.rcptTo.map((r) => r.address),
					raw,
					headers,
					messageId: headers['message-id'] ?? '',
					subject: headers.subject ?? ''
				});
				cb();
			});
		}
	});
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, '127.0.0.1', () => resolve());
	});
	sink.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
	return sink;
}
