/**
 * Minimal glob matching for `ignore`: `**` (any folders), `*` (within one
 * path segment), `?` (one character), `{a,b}` (alternatives). Paths are
 * relative, with `/` separators. A pattern without `/` matches a file or
 * folder name at any depth, as in .gitignore.
 */
export function globToRegExp(glob: string): RegExp {
  let pattern = glob.replace(/^\.\//, '');
  const anywhere = !pattern.includes('/') || pattern.startsWith('**/');
  if (pattern.endsWith('/')) pattern += '**';
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i]!;
    if (char === '*' && pattern[i + 1] === '*') {
      const slash = pattern[i + 2] === '/';
      source += slash ? '(?:.*/)?' : '.*';
      i += slash ? 2 : 1;
    } else if (char === '*') source += '[^/]*';
    else if (char === '?') source += '[^/]';
    else if (char === '{') {
      const close = pattern.indexOf('}', i);
      if (close < 0) source += '\\{';
      else {
        source += `(?:${pattern.slice(i + 1, close).split(',').map(escape).join('|')})`;
        i = close;
      }
    } else source += escape(char);
  }
  return new RegExp(`^${anywhere && !source.startsWith('(?:.*/)?') ? '(?:.*/)?' : ''}${source}(?:/.*)?$`);
}

const escape = (text: string): string => text.replace(/[.+^$()|[\]\\]/g, '\\$&');

export function compileGlobs(globs: readonly string[]): (relativePath: string) => boolean {
  const patterns = globs.map(globToRegExp);
  return (relativePath) => patterns.some((p) => p.test(relativePath));
}
