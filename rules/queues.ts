import type { QueueSpec } from '../src/policy/types.js';

/**
 * Job queues: the data added to a queue is what the workers of that queue get.
 * - BullMQ: https://docs.bullmq.io/guide/queues/adding-bulks, https://docs.bullmq.io/guide/workers
 */
const queues: QueueSpec[] = [
  {
    queue: 'BullMQ',
    module: 'bullmq',
    producer: { function: 'Queue.add', payload: 'arg1' },
    consumer: { function: 'Worker', name: 'arg0', handler: 1, field: 'data' },
  },
];

export default queues;
