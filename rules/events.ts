import type { EventSpec } from '../src/policy/types.js';

/**
 * Event emitters: a handler registered for an event gets the arguments that
 * follow the event name in `emit` calls on the same emitter.
 * Docs: https://nodejs.org/api/events.html#emitteremiteventname-args
 */
const events: EventSpec[] = [
  {
    module: ['node', 'events'],
    type: 'EventEmitter',
    register: ['on', 'once', 'addListener', 'prependListener', 'prependOnceListener'],
    emit: ['emit'],
  },
];

export default events;
