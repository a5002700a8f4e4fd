/**
 * Every workspace method, by name. Each feature area keeps its handlers in its own file and adds
 * one spread here; the API type (api.ts) is derived from this object.
 */
import { coreHandlers } from './core';
import { catalogHandlers } from './catalog';
import { contactsHandlers } from './contacts';

export const handlers = {
	...coreHandlers,
	...catalogHandlers,
	...contactsHandlers
};

export type Handlers = typeof handlers;
