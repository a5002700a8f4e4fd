/** Fixed loopback ports for test servers (4600-4699), one block of 10 per test file. */
export const PORTS = {
	connectors: 4600,
	relay: 4610,
	outbox: 4620,
	secrets: 4630,
	e2eChannels: 4640,
	e2eCrash: 4650,
	routes: 4660,
	e2eOffline: 4670
} as const;
