import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { ErrorEnvelopeResponse } from '../../apps/api/src/errors/error-envelope.response';
import { type ContractExchange, contentOf, isJson, pathOf } from './contract-exchange';

/** The parts of an OpenAPI 3.1 document the check reads. */
export interface ContractDocument {
  readonly paths: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  readonly components?: { readonly schemas?: Readonly<Record<string, unknown>>; readonly responses?: Readonly<Record<string, unknown>> };
}

interface DocumentedResponse {
  readonly $ref?: string;
  readonly headers?: Readonly<Record<string, { readonly required?: boolean; readonly schema?: { readonly type?: unknown } }>>;
  readonly content?: Readonly<Record<string, { readonly schema?: unknown }>>;
}

interface Operation {
  /** JSON pointer of the operation in the document. */
  readonly pointer: string;
  readonly responses: Readonly<Record<string, DocumentedResponse>>;
}

const DOCUMENT_ID = 'https://contract.forgesyte.invalid/openapi.json';
const METHODS = new Set(['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace']);
/** At most this many schema errors are quoted per response. */
const ERRORS_QUOTED = 5;

/**
 * Checks HTTP exchanges against one OpenAPI 3.1 document: the operation of the request's path and
 * method must document the response's status, every header it names for that response must be sent
 * unless it says `required: false` (and match its schema), the media type must be one it lists and a JSON body must match its schema
 * (JSON Schema 2020-12, ajv with formats). A request to a path and method the document lacks must be
 * answered with an error status and the error envelope. Each schema is compiled once, on first use.
 */
export class ContractCheck {
  private readonly ajv = addFormats(new Ajv2020({ strict: false, allErrors: true, validateSchema: false }));
  private readonly validators = new Map<string, ValidateFunction>();

  constructor(private readonly document: ContractDocument) {
    this.ajv.addSchema(closedResponseSchemas(document), DOCUMENT_ID);
  }

  /** What is wrong with `exchange` under the document: one sentence each, none when it conforms. */
  violations(exchange: ContractExchange): string[] {
    const operation = this.operationOf(exchange.method, pathOf(exchange.url));
    if (operation === undefined) return this.undocumentedRoute(exchange);
    const key = [String(exchange.status), `${String(exchange.status)[0]}XX`, 'default'].find((name) => operation.responses[name] !== undefined);
    if (key === undefined) return [`status ${exchange.status} is not documented for this operation (it documents ${Object.keys(operation.responses).join(', ')})`];
    const { pointer, response } = this.resolved(`${operation.pointer}/responses/${escape(key)}`, operation.responses[key]);
    return [...this.headerViolations(exchange, response, pointer), ...this.bodyViolations(exchange, response, pointer)];
  }

  /** A response object, followed through its `$ref` (to `#/components/responses/…`) if it has one. */
  private resolved(pointer: string, response: DocumentedResponse): { pointer: string; response: DocumentedResponse } {
    if (response.$ref === undefined) return { pointer, response };
    const target = response.$ref
      .slice(2)
      .split('/')
      .map((segment) => decodeURIComponent(segment).replace(/~1/g, '/').replace(/~0/g, '~'))
      .reduce<unknown>((node, segment) => (node as Record<string, unknown> | undefined)?.[segment], this.document);
    if (target === undefined) throw new Error(`The document's ${pointer} refers to ${response.$ref}, which it does not have.`);
    return { pointer: response.$ref, response: target as DocumentedResponse };
  }

  private undocumentedRoute(exchange: ContractExchange): string[] {
    if (exchange.status < 400) return [`the document has no operation for this path and method, yet it answered ${exchange.status}`];
    const { type, text } = contentOf(exchange);
    if (type === undefined || !isJson(type)) return [`an undocumented route must answer the error envelope as JSON, not ${type ?? 'no body'}`];
    return this.schemaViolations(`#/components/schemas/${ErrorEnvelopeResponse.name}`, text, 'the error envelope');
  }

  private headerViolations(exchange: ContractExchange, response: DocumentedResponse, pointer: string): string[] {
    return Object.entries(response.headers ?? {}).flatMap(([name, header]) => {
      const sent = exchange.headers[name.toLowerCase()];
      // A header documented as `required: false` is checked only when sent (OpenAPI's default is false; this document writes it out when it means it).
      if (sent === undefined) return header.required === false ? [] : [`header ${name} is documented for this response but was not sent`];
      const value = Array.isArray(sent) ? sent.join(', ') : sent;
      if (header.schema === undefined) return [];
      const typed = header.schema.type === 'integer' || header.schema.type === 'number' ? Number(value) : value;
      return this.validate(`${pointer}/headers/${escape(name)}/schema`, typed, `header ${name}`);
    });
  }

  private bodyViolations(exchange: ContractExchange, response: DocumentedResponse, pointer: string): string[] {
    const { type, text } = contentOf(exchange);
    const content = response.content ?? {};
    if (Object.keys(content).length === 0) return text === undefined || text === '' ? [] : [`a body was sent (${type ?? 'no type'}) where the document describes none`];
    if (exchange.method === 'HEAD' || exchange.body === undefined) return [];
    const documented = Object.keys(content).find((name) => mediaTypeMatches(name, type));
    if (documented === undefined) return [`media type ${type ?? '(none)'} is not documented for this response (it lists ${Object.keys(content).join(', ')})`];
    if (!isJson(documented) || content[documented].schema === undefined) return [];
    return this.schemaViolations(`${pointer}/content/${escape(documented)}/schema`, text, `the ${documented} body`);
  }

  private schemaViolations(reference: string, text: string | undefined, what: string): string[] {
    let body: unknown;
    try {
      body = JSON.parse(text ?? '');
    } catch {
      return [`${what} is not JSON: ${JSON.stringify((text ?? '').slice(0, 80))}`];
    }
    return this.validate(reference, body, what);
  }

  private validate(reference: string, value: unknown, what: string): string[] {
    const validator = this.validatorFor(reference);
    if (validator(value)) return [];
    const errors = (validator.errors ?? []).slice(0, ERRORS_QUOTED).map((error) => `${error.instancePath || '/'} ${error.message ?? 'is invalid'} ${JSON.stringify(error.params)}`);
    return [`${what} does not match the document: ${errors.join('; ')}`];
  }

  private validatorFor(reference: string): ValidateFunction {
    let validator = this.validators.get(reference);
    if (validator === undefined) {
      validator = this.ajv.compile({ $ref: `${DOCUMENT_ID}${reference}` });
      this.validators.set(reference, validator);
    }
    return validator;
  }

  /** The operation of `method` on `path`: literal segments win over templated ones (`/jobs/x` before `/jobs/{id}`). */
  private operationOf(method: string, path: string): Operation | undefined {
    const segments = path.split('/').map(decodeSegment);
    const candidates = Object.entries(this.document.paths)
      .map(([template, item]) => ({ template, item, literals: literalsMatched(template, segments) }))
      .filter((candidate) => candidate.literals >= 0)
      .sort((a, b) => b.literals - a.literals);
    for (const { template, item } of candidates) {
      const name = [method.toLowerCase(), ...(method === 'HEAD' ? ['get'] : [])].find((verb) => METHODS.has(verb) && item[verb] !== undefined);
      if (name !== undefined) return { pointer: `#/paths/${escape(template)}/${name}`, responses: (item[name] as { responses?: Operation['responses'] }).responses ?? {} };
    }
    return undefined;
  }
}

/**
 * The document with its own component schemas closed (`unevaluatedProperties: false` where they say
 * nothing of other properties), so that a field the server sends but the document does not name is
 * caught too. Tools' schemas (`plugin.tool.input`/`.output`, named with dots) are left as their plugins wrote them.
 */
function closedResponseSchemas(document: ContractDocument): ContractDocument {
  const copy = structuredClone(document) as ContractDocument & { components?: { schemas?: Record<string, unknown> } };
  for (const [name, schema] of Object.entries(copy.components?.schemas ?? {})) if (!name.includes('.')) close(schema);
  return copy;
}

function close(schema: unknown): void {
  if (typeof schema !== 'object' || schema === null) return;
  const object = schema as Record<string, unknown>;
  if (typeof object.properties === 'object' && object.properties !== null) {
    if (object.additionalProperties === undefined && object.unevaluatedProperties === undefined) object.unevaluatedProperties = false;
    for (const property of Object.values(object.properties)) close(property);
  }
  if (typeof object.items === 'object') close(object.items);
}

/** How many literal segments of `template` match `segments`; -1 when it does not match at all. */
function literalsMatched(template: string, segments: readonly string[]): number {
  const parts = template.split('/');
  if (parts.length !== segments.length) return -1;
  let literals = 0;
  for (const [index, part] of parts.entries()) {
    if (/^\{[^}]+\}$/.test(part)) {
      if (segments[index] === '') return -1;
    } else if (part === segments[index]) {
      literals++;
    } else {
      return -1;
    }
  }
  return literals;
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** `documented` (`text/*`, `application/json`) covers the sent media type `sent`. */
function mediaTypeMatches(documented: string, sent: string | undefined): boolean {
  if (sent === undefined) return false;
  if (documented === '*/*' || documented === sent) return true;
  return documented.endsWith('/*') && sent.startsWith(documented.slice(0, -1));
}

/** A JSON pointer segment as a URI fragment: `~` and `/` escaped, then percent-encoded. */
function escape(segment: string): string {
  return encodeURIComponent(segment.replace(/~/g, '~0').replace(/\//g, '~1'));
}
