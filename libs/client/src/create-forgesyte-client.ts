import createClient, { type Client, type ClientOptions } from 'openapi-fetch';
import type { paths } from './generated/forgesyte-api';

/** A ForgeSyte API client: openapi-fetch's `GET`/`POST`/`DELETE`…, typed by the API's OpenAPI document. */
export type ForgeSyteClient = Client<paths>;

/** Options of {@link createForgeSyteClient}. */
export interface ForgeSyteClientOptions {
  /** The API's origin, as `http://127.0.0.1:3000` (paths such as `/v1/health` are appended). */
  readonly baseUrl: string;
  /** Sent as `X-API-Key` on every request; only `GET /v1/health` and the public document need none. */
  readonly apiKey?: string;
  /** A fetch implementation (default: the global `fetch`). */
  readonly fetch?: ClientOptions['fetch'];
}

/**
 * A typed client of a ForgeSyte API. Every call answers openapi-fetch's `{ data, error, response }`:
 * `data` is the typed success body, `error` the typed error envelope (`error.error.code`…).
 */
export function createForgeSyteClient(options: ForgeSyteClientOptions): ForgeSyteClient {
  const baseUrl = checkedBaseUrl(options.baseUrl);
  const headers = options.apiKey === undefined ? {} : { 'X-API-Key': checkedApiKey(options.apiKey) };
  return createClient<paths>({ baseUrl, headers, ...(options.fetch === undefined ? {} : { fetch: options.fetch }) });
}

function checkedBaseUrl(baseUrl: string): string {
  let url: URL | undefined;
  try {
    url = new URL(baseUrl);
  } catch {
    url = undefined;
  }
  if (url === undefined || !['http:', 'https:'].includes(url.protocol)) {
    throw new TypeError(`createForgeSyteClient: baseUrl must be an absolute http(s) URL such as "http://127.0.0.1:3000", got ${JSON.stringify(baseUrl)}.`);
  }
  return baseUrl.replace(/\/+$/, '');
}

function checkedApiKey(apiKey: string): string {
  if (apiKey.trim() === '') {
    throw new TypeError('createForgeSyteClient: apiKey is empty: pass the key the API was started with (FORGESYTE_ADMIN_KEY or FORGESYTE_USER_KEY), or leave apiKey out.');
  }
  return apiKey;
}
