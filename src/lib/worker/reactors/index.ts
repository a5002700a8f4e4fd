/** Every reactor, in rank order. A feature area adds its reactor here (one line). */
import { answers } from './answers';
import { behaviour } from './behaviour';
import type { Reactor } from './types';

export const REACTORS: Reactor[] = [answers, behaviour].sort((a, b) => a.rank - b.rank);
