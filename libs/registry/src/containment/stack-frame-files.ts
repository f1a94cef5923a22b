import { fileURLToPath } from 'node:url';

/** The `:line:column` that ends a V8 frame's location. */
const LINE_AND_COLUMN = /:\d+:\d+$/;

/** An absolute location: a POSIX or Windows path, or a `file:` URL (an ES module). */
const ABSOLUTE = /^(?:\/|[A-Za-z]:[\\/]|file:\/\/)/;

/**
 * The absolute files of the frames of a V8 stack trace, top-most first: `at fn (/abs/file.js:12:3)`,
 * `at /abs/file.js:12:3`, `at async fn (…)`, and `file:///…` URLs turned into paths. Frames without
 * one (Node's own `node:…` code, `<anonymous>`, eval'd code) are left out. Parses each line in one
 * pass, without a backtracking regular expression: the stack may carry any message.
 */
export function stackFrameFiles(stack: string): string[] {
  const files: string[] = [];
  for (const line of stack.split('\n')) {
    const file = frameFile(line);
    if (file !== undefined) files.push(file);
  }
  return files;
}

function frameFile(line: string): string | undefined {
  const frame = line.trimStart();
  if (!frame.startsWith('at ')) return undefined;
  const open = frame.indexOf(' (');
  const location = open !== -1 && frame.endsWith(')') ? frame.slice(open + 2, -1) : frame.slice(3).replace(/^async /, '');
  if (!LINE_AND_COLUMN.test(location) || !ABSOLUTE.test(location)) return undefined;
  const path = location.replace(LINE_AND_COLUMN, '');
  if (!path.startsWith('file://')) return path;
  try {
    return fileURLToPath(path);
  } catch {
    return undefined;
  }
}

/** The `stack` of an Error (of any realm), or of any value that has a `stack` string; else undefined. */
export function stackOf(error: unknown): string | undefined {
  try {
    const stack = (error as { stack?: unknown } | null | undefined)?.stack;
    return typeof stack === 'string' ? stack : undefined;
  } catch {
    // A `stack` getter that throws: nothing to read, and a process handler must not throw.
    return undefined;
  }
}
