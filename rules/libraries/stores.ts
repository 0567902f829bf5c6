import { definePropagators } from '../define.js';

/**
 * Caches and key-value stores, modelled like `Map`: a value set into the
 * store (`this[]`) comes back from `get` on the same store object (keys are
 * not compared). Counters, existence checks and deletions return no data.
 * - lru-cache: https://isaacs.github.io/node-lru-cache/
 * - ioredis: https://redis.github.io/ioredis/classes/Redis.html
 * - node-redis: https://github.com/redis/node-redis
 */
const get = { from: [], flows: [{ from: 'this[]', to: 'return' }] };
const clean = { from: [] };

export default definePropagators([
  { function: 'LRUCache.set', module: 'lru-cache', from: [], flows: [{ from: 'arg1', to: 'this[]' }] },
  ...['get', 'peek', 'fetch', 'pop'].map((fn) => ({ function: `LRUCache.${fn}`, module: 'lru-cache', ...get })),
  ...['has', 'delete', 'clear'].map((fn) => ({ function: `LRUCache.${fn}`, module: 'lru-cache', ...clean })),
  // ioredis: string and hash commands.
  ...['set', 'setex', 'getset', 'lpush', 'rpush', 'sadd'].map((fn) => ({ function: `RedisCommander.${fn}`, module: 'ioredis', from: [], flows: [{ from: fn === 'setex' ? 'arg2' : 'arg1', to: 'this[]' }] })),
  { function: 'RedisCommander.hset', module: 'ioredis', from: [], flows: [{ from: 'arg1', to: 'this[]' }, { from: 'arg2', to: 'this[]' }] },
  ...['get', 'getdel', 'getex', 'mget', 'hget', 'hgetall', 'hmget', 'lrange', 'lpop', 'rpop', 'smembers'].map((fn) => ({ function: `RedisCommander.${fn}`, module: 'ioredis', ...get })),
  ...['incr', 'incrby', 'decr', 'decrby', 'exists', 'del', 'expire', 'ttl', 'llen', 'scard', 'hlen'].map((fn) => ({ function: `RedisCommander.${fn}`, module: 'ioredis', ...clean })),
  // node-redis v4+: commands by member name.
  ...['set', 'setEx', 'hSet', 'lPush', 'rPush', 'sAdd'].map((fn) => ({ function: fn, module: ['@redis/client', 'redis'], from: [], flows: [{ from: fn === 'setEx' ? 'arg2' : 'arg1', to: 'this[]' }] })),
  ...['get', 'hGet', 'hGetAll', 'mGet', 'lRange', 'sMembers'].map((fn) => ({ function: fn, module: ['@redis/client', 'redis'], ...get })),
]);
