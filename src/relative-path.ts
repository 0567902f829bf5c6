import path from 'node:path';

/** `file` relative to `from`, with forward slashes on every system: how reports, config globs and git name a file. */
export const relativePath = (from: string, file: string): string => path.relative(from, file).split(path.sep).join('/');
