/** One HTTP request and the response it got, as the contract check reads them. */
export interface ContractExchange {
  /** The request's method, upper case. */
  readonly method: string;
  /** The request's URL (absolute, or a path with its query). */
  readonly url: string;
  readonly status: number;
  /** Response headers, names lower case. */
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  /** The response body as received, `undefined` when the client did not keep it (a streamed file). */
  readonly body: Buffer | undefined;
}

/** `{ type, text }` of a response's media type (`application/json`, no parameters) and its body as text. */
export function contentOf(exchange: ContractExchange): { readonly type: string | undefined; readonly text: string | undefined } {
  const header = exchange.headers['content-type'];
  const type = (Array.isArray(header) ? header[0] : header)?.split(';')[0].trim().toLowerCase();
  return { type: type === '' ? undefined : type, text: exchange.body?.toString('utf8') };
}

/** Whether `type` is JSON (`application/json`, or a `+json` suffix). */
export function isJson(type: string): boolean {
  return type === 'application/json' || type.endsWith('+json');
}

/** One line naming the exchange: `GET /v1/plugins → 200`. */
export function describeExchange(exchange: ContractExchange): string {
  return `${exchange.method} ${pathOf(exchange.url)}${queryOf(exchange.url)} → ${exchange.status}`;
}

/** The path part of `url`, without query or fragment. */
export function pathOf(url: string): string {
  return new URL(url, 'http://contract.invalid').pathname;
}

function queryOf(url: string): string {
  return new URL(url, 'http://contract.invalid').search;
}
