import { createHash } from 'node:crypto';

/** `--shard <index>/<count>`: this run analyses the projects assigned to shard `index` (1-based) of `count`. */
export interface Shard {
  index: number;
  count: number;
}

/** Parses `2/5`; undefined when the text is not of that form with 1 <= index <= count. */
export function parseShard(text: string): Shard | undefined {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  if (!match) return undefined;
  const index = Number(match[1]);
  const count = Number(match[2]);
  return index >= 1 && count >= 1 && index <= count ? { index, count } : undefined;
}

/**
 * The shard (1-based) of a project, from its tsconfig path relative to the
 * root with `/` separators: a hash of that path, so a project keeps its shard
 * when projects are added or removed, on every machine, and only a different
 * shard count moves it. Shards are balanced in expectation, which is what
 * matters in a repository large enough to shard.
 */
export function shardOf(relativeTsconfig: string, count: number): number {
  const digest = createHash('sha256').update(relativeTsconfig).digest();
  return (digest.readUInt32BE(0) % count) + 1;
}

export const describeShard = (shard: Shard): string => `${shard.index}/${shard.count}`;
