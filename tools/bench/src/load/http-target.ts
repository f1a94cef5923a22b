import { BENCH_API_KEY } from '../bench-config';
import { BENCH_ARGS, BENCH_PLUGIN, BENCH_TOOL } from '../plugins/bench-noop.plugin';

/** One HTTP request the load generator repeats. */
export interface HttpTarget {
  readonly label: string;
  readonly url: string;
  readonly method: 'POST' | 'GET';
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
  /** When present, each request's body, made afresh for it (instead of `body`). */
  readonly nextBody?: () => string;
  /** Whether a 2xx answer's body is a success; when absent, every 2xx answer is. */
  readonly verifyBody?: (body: string) => boolean;
}

/** The analyze body every HTTP bench request sends: the no-op tool with its realistic args. */
export const ANALYZE_BODY = JSON.stringify({ plugin: BENCH_PLUGIN, tool: BENCH_TOOL, args: BENCH_ARGS });

/** Headers of every HTTP bench request: JSON, and the API key (the baselines ignore it). */
export const BENCH_HEADERS = Object.freeze({ 'content-type': 'application/json', 'x-api-key': BENCH_API_KEY });

/** `POST {base}{path}` with the analyze body and the bench headers. */
export function analyzeTarget(label: string, baseUrl: string, path = '/v1/analyze-execution'): HttpTarget {
  return { label, url: `${baseUrl}${path}`, method: 'POST', headers: BENCH_HEADERS, body: ANALYZE_BODY };
}
