/** A tsconfig that cannot be read or parsed. The CLI exits 2 with this message. */
export class ProjectError extends Error {
  constructor(
    message: string,
    readonly file: string,
  ) {
    super(message);
    this.name = 'ProjectError';
  }
}
