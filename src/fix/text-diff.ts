import { createTwoFilesPatch, diffLines } from 'diff';

/** A replacement of `[start, end)` of the old text. */
export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

/** The line-level edits that turn `before` into `after` (for an ESLint suggestion, which takes ranges). */
export function textEdits(before: string, after: string): TextEdit[] {
  const edits: TextEdit[] = [];
  let offset = 0;
  let pending: TextEdit | undefined;
  for (const change of diffLines(before, after)) {
    if (change.removed) {
      pending ??= { start: offset, end: offset, text: '' };
      pending.end = offset + change.value.length;
      offset += change.value.length;
    } else if (change.added) {
      pending ??= { start: offset, end: offset, text: '' };
      pending.text += change.value;
    } else {
      if (pending) edits.push(pending);
      pending = undefined;
      offset += change.value.length;
    }
  }
  if (pending) edits.push(pending);
  return edits;
}

/** Where `position` of the old text is after the edits (positions inside a replaced range move to its start). */
export function mapPosition(position: number, edits: readonly TextEdit[]): number {
  let delta = 0;
  for (const edit of edits) {
    if (position >= edit.end) delta += edit.text.length - (edit.end - edit.start);
    else if (position > edit.start) return edit.start + delta;
  }
  return position + delta;
}

/** A unified diff of one file, `a/<name>` to `b/<name>`, as `git diff` prints it. */
export function unifiedDiff(name: string, before: string, after: string): string {
  return createTwoFilesPatch(`a/${name}`, `b/${name}`, before, after, undefined, undefined, { context: 3 }).replace(/^=+\n/, '');
}
