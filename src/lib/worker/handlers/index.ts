/**
 * Every workspace method, by name. Each feature area keeps its handlers in its own file and adds
 * one spread here; the API type (api.ts) is derived from this object.
 */
import { coreHandlers } from './core';
import { sendingHandlers } from './sending';

export const handlers = {
	...coreHandlers,
	...sendingHandlers
};

export type Handlers = typeof handlers;
