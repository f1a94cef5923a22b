import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import type { OpenAPIObject } from '@nestjs/swagger';
import { InternalError } from '@forgesyte/errors';
import { PluginRegistry } from '@forgesyte/registry';
import type { Principal } from '../auth/api-key-ring';
import { withToolSchemas } from './full-document';

/** The variants of the document: without and with the tools' schemas. */
export type DocumentVariant = 'generic' | 'full';

/**
 * The OpenAPI document in its two variants, built once at start and served as cached JSON: the generic
 * one (routes, DTOs, envelopes; no plugin named) for everyone, and the full one, with every tool's input
 * and output schema, for a key with `plugins:read`. The route part is handed over by `configureApp`
 * ({@link useRoutes}); the tools are read from the registry once the plugins have loaded (every
 * `onModuleInit` has run by `onApplicationBootstrap`). An application context without HTTP never
 * builds it.
 */
@Injectable()
export class OpenApiDocuments implements OnApplicationBootstrap {
  private routes: OpenAPIObject | undefined;
  private documents: Readonly<Record<DocumentVariant, string>> | undefined;

  constructor(private readonly registry: PluginRegistry) {}

  /** Gives the document of the application's routes (see `buildRouteDocument`). */
  useRoutes(routes: OpenAPIObject): void {
    this.routes = routes;
  }

  onApplicationBootstrap(): void {
    if (this.routes === undefined) return;
    this.documents = {
      generic: JSON.stringify(this.routes),
      full: JSON.stringify(withToolSchemas(this.routes, this.registry.list())),
    };
  }

  /**
   * The document as JSON, in the variant `caller` may read (`undefined`: an anonymous caller). A key
   * with allow-lists gets the generic one: the full one names every tool (one document per key would
   * be built per request); `GET /v1/plugins/{name}` gives it the schemas of the tools it may call.
   */
  documentFor(caller: Principal | undefined): string {
    const full = caller !== undefined && caller.scopes.has('plugins:read') && caller.plugins === null && caller.tools === null;
    return this.variant(full ? 'full' : 'generic');
  }

  /** One variant of the document, as JSON. */
  variant(variant: DocumentVariant): string {
    if (this.documents === undefined) throw new InternalError({ cause: new Error('the OpenAPI document was not built: configureApp was not called') });
    return this.documents[variant];
  }
}
