/** What a redacted secret value becomes. */
export const REDACTED_SECRET = '<redacted>';
/** What a redacted absolute path becomes. */
export const REDACTED_PATH = '<path>';
/** The longest plugin-supplied text a caller is sent; the rest is cut (the log keeps it all). */
export const MAX_PUBLIC_TEXT_LENGTH = 2000;

// Key names whose value is a secret: `token=…`, `"password": "…"`, `x-api-key: …`, `client_secret=…`.
// The keyword starts the match (no leading wildcard), so the scan stays linear on any input.
const SECRET_ASSIGNMENT =
  /((?:token|password|passwd|pwd|secret|api[_-]?key|apikey|access[_-]?key|private[_-]?key|authorization|credentials?|cookie|session[_-]?id)[A-Za-z0-9_-]*["']?\s*[:=]\s*["']?\s*)(?:(?:Bearer|Basic|Token|Digest)\s+)?[^\s"'&,;<>(){}[\]]+/gi;
const BEARER_TOKEN = /\b(Bearer\s+)[A-Za-z0-9._~+/=-]+/g;
const URL_PASSWORD = /\b([a-z][a-z0-9+.-]*:\/\/[^\s/:@]+:)[^\s/@]+@/gi;

// An absolute path starts a token (start, space, bracket, quote, `=`, `,`, `;`, `:`): `/srv/x.js`,
// `file:///srv/x.js`, `C:\srv\x.js`, `\\host\share\x.js`. A POSIX path needs two segments, or one with
// a file extension, so that `/v1` or a JSON Pointer's first token is left alone.
const SEGMENT = String.raw`[^\s/\\'"\x60()<>[\]{},;:*?|]+`;
const ABSOLUTE_PATH = new RegExp(
  String.raw`(?<=^|[\s(\[{'"\x60=,;:])(?:file:\/\/\/?(?:${SEGMENT}\/)*${SEGMENT}|[A-Za-z]:[\\/](?:${SEGMENT}[\\/])*${SEGMENT}|\\\\(?:${SEGMENT}\\)+${SEGMENT}|\/(?:${SEGMENT}\/)+${SEGMENT}|\/${SEGMENT}\.[A-Za-z0-9]{1,8}(?=$|[^A-Za-z0-9]))`,
  'g',
);

/**
 * Text that came from a plugin (an error message, an import failure, a thrown value), made fit for a
 * caller: cut to {@link MAX_PUBLIC_TEXT_LENGTH} characters, secrets (`token=…`, `password: …`,
 * `Bearer …`, a URL's password) replaced by `<redacted>`, and absolute file-system paths by `<path>`
 * (`boom at <path>:12`). Redacting twice changes nothing more.
 */
export function redactInternals(text: string): string {
  return redactPaths(redactSecrets(cut(text)));
}

/** `text` with secret values replaced by `<redacted>`; paths are kept (for operators). */
export function redactSecrets(text: string): string {
  return text
    .replace(URL_PASSWORD, `$1${REDACTED_SECRET}@`)
    .replace(SECRET_ASSIGNMENT, `$1${REDACTED_SECRET}`)
    .replace(BEARER_TOKEN, `$1${REDACTED_SECRET}`);
}

/**
 * `text` with absolute file-system paths replaced by `<path>`. Not even a file's base name is kept:
 * `at <path>/tool.js:12` would still read as a stack frame, which no response may carry.
 */
export function redactPaths(text: string): string {
  return text.replace(ABSOLUTE_PATH, REDACTED_PATH);
}

/** Whether `text` had something redacted (so that the full text is worth logging). */
export function isRedacted(text: string): boolean {
  return text.includes(REDACTED_PATH) || text.includes(REDACTED_SECRET) || text.includes(CUT_NOTE);
}

/**
 * A plugin's error `details` made fit for a caller: every string in it passes through
 * {@link redactInternals}; nesting deeper than a few levels and arrays past 100 items are cut.
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
  for (const [key, item] of Object.entries(value).slice(0, MAX_DETAILS_ITEMS)) copy[key] = redactValue(item, depth + 1);
  return copy;
}

function cut(text: string): string {
  return text.length <= MAX_PUBLIC_TEXT_LENGTH ? text : `${text.slice(0, MAX_PUBLIC_TEXT_LENGTH)}${CUT_NOTE}`;
}
