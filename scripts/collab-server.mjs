// A standard y-websocket server for co-editing automations across machines (issue 7), built on the
// @y/websocket-server package: any y-websocket client can use it, and the app can use any other
// standard y-websocket server the same way. Documents live in memory while the server runs.
//
// CLI: node scripts/collab-server.mjs [--port 1234] [--host 127.0.0.1]
//   (or PORT / HOST in the environment; --port 0 picks a free port). Prints the ws:// URL once it
//   listens ("Collab server listening on ws://host:port"). Stops cleanly on SIGINT / SIGTERM.
//   Use --host 0.0.0.0 to accept participants of a workshop on the LAN.
import http from 'node:http';
import { WebSocketServer } from 'ws';
import { setupWSConnection, docs } from '@y/websocket-server/utils';

/** The value following `--name` (or `--name=value`) on the command line, if any. */
function arg(name) {
	const argv = process.argv.slice(2);
	for (let i = 0; i < argv.length; i++) {
		if (argv[i] === `--${name}`) return argv[i + 1];
		if (argv[i].startsWith(`--${name}=`)) return argv[i].slice(name.length + 3);
	}
	return undefined;
}

const host = arg('host') ?? process.env.HOST ?? '127.0.0.1';
const port = Number(arg('port') ?? process.env.PORT ?? 1234);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
	console.error(`Invalid port "${arg('port') ?? process.env.PORT}".`);
	process.exit(2);
}

const server = http.createServer((_req, res) => {
	res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' });
	res.end('Journey Studio collab server (y-websocket). Connect with a y-websocket client.\n');
});
const wss = new WebSocketServer({ noServer: true });
wss.on('connection', (ws, req) => setupWSConnection(ws, req));
server.on('upgrade', (req, socket, head) => {
	wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
});

server.on('error', (err) => {
	console.error(`Collab server failed: ${err.message}`);
	process.exit(1);
});

server.listen(port, host, () => {
	const addr = server.address();
	const shown = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
	console.log(`Collab server listening on ws://${shown}:${addr.port}`);
	if (host === '127.0.0.1' || host === 'localhost') console.log('Only this machine can connect; use --host 0.0.0.0 to accept the LAN.');
});

let stopping = false;
function stop(signal) {
	if (stopping) return;
	stopping = true;
	console.log(`Collab server stopping (${signal}).`);
	for (const ws of wss.clients) ws.terminate();
	wss.close();
	for (const doc of docs.values()) doc.destroy();
	server.close(() => process.exit(0));
	// Connections that do not close in time do not keep the process alive.
	setTimeout(() => process.exit(0), 2000).unref();
}
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));
