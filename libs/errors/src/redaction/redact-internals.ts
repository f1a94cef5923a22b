/** What a redacted secret value becomes. */
export const REDACTED_SECRET = '<redacted>';
/** What a redacted absolute path becomes. */
export const REDACTED_PATH = '<path>';
/** The longest plugin-supplied text a caller is sent; the rest is cut (the log keeps it all). */
export const MAX_PUBLIC_TEXT_LENGTH = 2000;

// Key names whose value is a secret: `token=…`, `"password": "…"`, `x-api-key: …`, `client_secret=…`.
// The keyword starts the match (no leading wildcard) and the name after it is bounded, like a URL's scheme
// below, so a long run of keywords or word characters is not rescanned from every start: the scan stays linear.
const SECRET_ASSIGNMENT =
  /((?:token|password|passwd|pwd|secret|api[_-]?key|apikey|access[_-]?key|private[_-]?key|authorization|credentials?|cookie|session[_-]?id)[A-Za-z0-9_-]{0,64}["']?\s*[:=]\s*["']?\s*)(?:(?:Bearer|Basic|Token|Digest)\s+)?[^\s"'&,;<>(){}[\]]+/gi;
const BEARER_TOKEN = /\b(Bearer\s+)[A-Za-z0-9._~+/=-]+/g;
const URL_PASSWORD = /\b([a-z][a-z0-9+.-]{0,31}:\/\/[^\s/:@]+:)[^\s/@]+@/gi;

// A path starts where no word character, `.`, `-`, `~`, `#`, `%`, slash or backslash comes before it, so
// `x@/srv/a`, `x>/srv/a` and `"/srv/a"` are caught while a URL's path (`host/v1/items`), a ratio (`3/4`)
// or a JSON Schema ref (`#/definitions/x`) is not; and so that a run of name characters is scanned from
// one start only, which keeps the scan linear (segments cannot hold a slash either).
// Absolute: `/srv/x.js`, `\/srv\/x.js` (JSON-escaped), `file:///srv/x.js`, `C:\srv\x.js` (also with
// doubled backslashes), `\\host\share\x.js`, `node:internal/…`. A POSIX path needs two segments, or one
// with a file extension, so that `/v1` or a JSON Pointer's first token is left alone.
// Relative: anything from `./` or `../`, and `a/b.ext` (two or more segments ending in a file name), so
// that `smith/secret/keys.pem` goes but `image/png` or `application/vnd.api+json` stays.
const SEGMENT_CHAR = String.raw`[^\s/\\'"\x60()<>[\]{},;:*?|]`;
const SEGMENT = `${SEGMENT_CHAR}+`;
const FILE_NAME = String.raw`${SEGMENT_CHAR}*\.[A-Za-z][A-Za-z0-9]{0,7}(?!${SEGMENT_CHAR})`;
const WINDOWS_SEPARATOR = String.raw`(?:\\\\|[\\/])`;
const ABSOLUTE_PATH = [
  String.raw`file:\/\/\/?(?:${SEGMENT}\/)*${SEGMENT}`,
  String.raw`node:internal(?:\/${SEGMENT})+`,
  String.raw`[A-Za-z]:${WINDOWS_SEPARATOR}(?:${SEGMENT}${WINDOWS_SEPARATOR})*${SEGMENT}`,
  String.raw`\\\\(?:${SEGMENT}\\)+${SEGMENT}`,
  String.raw`\\\/(?:${SEGMENT}\\\/)*${SEGMENT}`,
  String.raw`\/(?:${SEGMENT}\/)+${SEGMENT}`,
  String.raw`\/${FILE_NAME}`,
].join('|');
// The segments of `a/b.ext` take only name characters, so that `config=a/b.ext` keeps `config=`.
const NAME_SEGMENT = String.raw`@?[\w.~-]+`;
const RELATIVE_PATH = [
  String.raw`\.\.?[\\/](?:${SEGMENT}[\\/])*${SEGMENT}`,
  String.raw`(?:${NAME_SEGMENT}\/)+[\w.~-]*\.[A-Za-z][A-Za-z0-9]{0,7}(?!${SEGMENT_CHAR})`,
].join('|');
const PATH = new RegExp(String.raw`(?<![\w.~#%\\/-])(?:${ABSOLUTE_PATH}|${RELATIVE_PATH})`, 'g');
// A stack frame on a line of its own (`\n    at run (…)`), raw or JSON-escaped (`\\n    at run (…)`).
// An escaped frame ends at the next escaped newline or the closing quote of its JSON string.
const STACK_FRAME = /\r?\n[ \t]*at[ \t][^\n]*/g;
const ESCAPED_STACK_FRAME = /(?:\\r)?\\n(?:[ \t]|\\t)*at[ \t](?:[^\n\\"]|\\[^nr])*/g;

/**
 * Text that came from a plugin (an error message, an import failure, a thrown value), made fit for a
 * caller: cut to {@link MAX_PUBLIC_TEXT_LENGTH} characters, secrets (`token=…`, `password: …`,
 * `Bearer …`, a URL's password) replaced by `<redacted>`, and absolute file-system paths by `<path>`
 * (`boom at <path>:12`). Redacting twice changes nothing more.
 */
export function redactInternals(text: string): string {
  return redactPaths(redactSecrets(cut(dropStackFrames(text))));
}

/**
 * `text` without stack frames: every line that starts with `at ` after a newline (raw, or JSON-escaped as
 * `\\n`) is dropped, so a message that embeds `error.stack` keeps its first line only.
 */
export function dropStackFrames(text: string): string {
  return text.replace(STACK_FRAME, '').replace(ESCAPED_STACK_FRAME, '');
}

/** `text` with secret values replaced by `<redacted>`; paths are kept (for operators). */
export function redactSecrets(text: string): string {
  return text
    .replace(URL_PASSWORD, `$1${REDACTED_SECRET}@`)
    .replace(SECRET_ASSIGNMENT, `$1${REDACTED_SECRET}`)
    .replace(BEARER_TOKEN, `$1${REDACTED_SECRET}`);
}

/**
 * `text` with file-system paths replaced by `<path>`: absolute ones, and relative ones that start with
 * `./` or `../` or end in a file name. Not even a file's base name is kept: `at <path>/tool.js:12` would
 * still read as a stack frame, which no response may carry.
 */
export function redactPaths(text: string): string {
  return text.replace(PATH, REDACTED_PATH);
}

/** Whether `text` had something redacted (so that the full text is worth logging). */
export function isRedacted(text: string): boolean {
  return text.includes(REDACTED_PATH) || text.includes(REDACTED_SECRET) || text.includes(CUT_NOTE);
}

/**
 * A plugin's error `details` made fit for a caller: every string in it, keys included, passes through
 * {@link redactInternals}; nesting deeper than a few levels and arrays or objects past 100 items are cut.
 */
export function redactDetails(details: Readonly<Record<string, unknown>>): Readonly<Record<string, unknown>> {
  return redactValue(details, 0) as Record<string, unknown>;
}

const CUT_NOTE = ' … (cut; the full text is in the server log)';
const MAX_DETAILS_DEPTH = 6;
const MAX_DETAILS_ITEMS = 100;

function redactValue(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return redactInternals(value);
  if (typeof value !== 'object' || value === null) return value;
  if (depth >= MAX_DETAILS_DEPTH) return '<cut>';
  if (Array.isArray(value)) return value.slice(0, MAX_DETAILS_ITEMS).map((item) => redactValue(item, depth + 1));
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value).slice(0, MAX_DETAILS_ITEMS)) {
    // defineProperty, not assignment: a `__proto__` key stays a plain key instead of swapping the prototype.
    const item: unknown = (value as Record<string, unknown>)[key];
    Object.defineProperty(copy, redactInternals(key), { value: redactValue(item, depth + 1), enumerable: true, writable: true, configurable: true });
  }
  return copy;
}

function cut(text: string): string {
  return text.length <= MAX_PUBLIC_TEXT_LENGTH ? text : `${text.slice(0, MAX_PUBLIC_TEXT_LENGTH)}${CUT_NOTE}`;
}
