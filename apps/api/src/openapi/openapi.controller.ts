import { Controller, Get, Header, Param, Req, Res, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { RouteNotFoundError } from '@forgesyte/errors';
import type { Request, Response } from 'express';
import { ApiKeyRing } from '../auth/api-key-ring';
import { unknownKeyError } from '../auth/authenticate';
import { presentedCaller } from '../auth/presented-caller';
import { RequireScope } from '../auth/require-scope.decorator';
import { ApiErrorResponses } from './api-error-responses.decorator';
import { ApiKeySecurity } from './api-key-security.decorator';
import { OpenApiDocuments } from './openapi-documents.service';
import { type DocsAsset, SwaggerUiAssets } from './swagger-ui-assets.service';

/**
 * The OpenAPI document (`GET /v1/openapi.json`) and its Swagger UI page (`GET /docs`), public: a key
 * with `plugins:read` gets the document with every tool's schemas.
 */
@ApiTags('docs')
@Controller()
@RequireScope('public')
export class OpenApiController {
  constructor(
    private readonly documents: OpenApiDocuments,
    private readonly keys: ApiKeyRing,
    private readonly ui: SwaggerUiAssets,
  ) {}

  @Get('v1/openapi.json')
  @Header('Content-Type', 'application/json; charset=utf-8')
  // The answer depends on the key: a shared cache must not hand one caller's document to another.
  @Header('Vary', 'X-API-Key, Authorization')
  @Header('Cache-Control', 'private, no-cache')
  @ApiOperation({
    operationId: 'getOpenApiDocument',
    summary: 'This document',
    description: "Public. Sent with a key that has `plugins:read`, it holds every loaded tool's input and output schema.",
  })
  @ApiKeySecurity({ optional: true })
  @ApiOkResponse({ description: 'The OpenAPI 3.1 document.', schema: { type: 'object', required: ['openapi', 'info', 'paths'], properties: { openapi: { type: 'string' }, info: { type: 'object' }, paths: { type: 'object' } } }, example: { openapi: '3.1.0', info: { title: 'ForgeSyte API', version: '0.1.0' }, paths: {} } })
  @ApiErrorResponses({ 401: unknownKeyError() })
  openApi(@Req() request: Request): string {
    return this.documents.documentFor(presentedCaller(request, this.keys));
  }

  @Get('docs')
  @Header('Cache-Control', 'no-cache')
  @ApiOperation({ operationId: 'getDocsPage', summary: 'Swagger UI for this document' })
  @ApiOkResponse({ description: 'The Swagger UI page.', content: { 'text/html': { schema: { type: 'string' }, example: '<!DOCTYPE html>…' } } })
  page(): StreamableFile {
    return fileOf(this.ui.page);
  }

  @Get('docs/:asset')
  @ApiOperation({ operationId: 'getDocsAsset', summary: "A file of the Swagger UI page (from the installed swagger-ui-dist)" })
  @ApiParam({ name: 'asset', schema: { type: 'string' }, example: 'swagger-ui.css' })
  @ApiOkResponse({
    description: 'The file.',
    content: {
      'text/css': { schema: { type: 'string' } },
      'text/javascript': { schema: { type: 'string' } },
      'image/png': { schema: { type: 'string' } },
    },
  })
  @ApiErrorResponses({ 404: new RouteNotFoundError('GET', '/docs/nothing.js') })
  asset(@Param('asset') name: string, @Req() request: Request, @Res({ passthrough: true }) response: Response): StreamableFile {
    const asset = this.ui.asset(name);
    if (asset === undefined) throw new RouteNotFoundError(request.method, request.path);
    // Set here, not with @Header (which Nest sets before the handler runs): a 404 must not be cached.
    response.setHeader('Cache-Control', 'public, max-age=3600');
    return fileOf(asset);
  }
}

function fileOf(asset: DocsAsset): StreamableFile {
  return new StreamableFile(asset.body, { type: asset.type, length: asset.body.length });
}
