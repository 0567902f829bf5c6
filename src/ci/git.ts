import { execFileSync } from 'node:child_process';

/** git is missing, the folder is not a repository or the ref does not exist. Exit code 2. */
export class GitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GitError';
  }
}

/** Runs git; a failure becomes a GitError that starts with `failure`. */
export function git(args: string[], cwd: string, failure: string): string {
  try {
    return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 256 * 1024 * 1024 });
  } catch (error) {
    const err = error as NodeJS.ErrnoException & { stderr?: string };
    if (err.code === 'ENOENT') throw new GitError(`git is not installed or not on PATH (${failure})`);
    const detail = err.stderr?.toString().trim().split('\n')[0];
    throw new GitError(`${failure}${detail ? ` (${detail})` : ''}`);
  }
}

/** Runs git; undefined when it fails. */
export function tryGit(args: string[], cwd: string): string | undefined {
  try {
    return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 256 * 1024 * 1024 });
  } catch {
    return undefined;
  }
}

/** The top folder of the repository around `cwd`; `option` names what needs it. */
export function gitTop(cwd: string, option: string): string {
  return git(['rev-parse', '--show-toplevel'], cwd, `'${cwd}' is not inside a git repository; ${option} needs one`).trim();
}

/** The commit a ref names, or a GitError that says how to fetch it. */
export function commitOf(ref: string, top: string, option: string): string {
  if (ref.startsWith('-')) throw new GitError(`'${ref}' is not a git ref`);
  const resolved = tryGit(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], top)?.trim();
  if (!resolved) throw new GitError(`unknown git ref '${ref}' given to ${option}; in a shallow CI checkout fetch it first (actions/checkout with fetch-depth: 0)`);
  return resolved;
}
