/**
 * Every workspace method, by name. Each feature area keeps its handlers in its own file and adds
 * one spread here; the API type (api.ts) is derived from this object.
 */
import { coreHandlers } from './core';
import { builderHandlers } from './builder';
import { catalogHandlers } from './catalog';
import { crmHandlers } from './crm';
import { reportHandlers } from './reports';
import { sendingHandlers } from './sending';
import { contactsHandlers } from './contacts';
import { shareHandlers } from './share';

export const handlers = {
	...coreHandlers,
	...builderHandlers,
	...catalogHandlers,
	...crmHandlers,
	...reportHandlers,
	...sendingHandlers,
	...contactsHandlers,
	...shareHandlers
};

export type Handlers = typeof handlers;
