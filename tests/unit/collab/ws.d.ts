// The `ws` package ships no types here; the tests only pass its client class to y-websocket.
declare module 'ws' {
	const WebSocket: typeof globalThis.WebSocket;
	export default WebSocket;
}
