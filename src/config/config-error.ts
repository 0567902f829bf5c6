/** A config that cannot be used. The CLI prints it as one line and exits 2. */
export class ConfigError extends Error {
  constructor(
    /** What is wrong and what to do about it. */
    readonly reason: string,
    readonly file: string,
    /** Path of the bad key, e.g. `sanitizers[1].function`. */
    readonly key?: string,
  ) {
    super(`${file}${key ? `: ${key}` : ''}: ${reason}`);
    this.name = 'ConfigError';
  }
}
