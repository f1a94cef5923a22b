import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { KeyPatch, NewKeyInput } from '@forgesyte/keys';
import type { Principal } from '../auth/api-key-ring';
import { CurrentCaller } from '../auth/current-caller.decorator';
import { RequireScope } from '../auth/require-scope.decorator';
import { ApiErrorResponses } from '../openapi/api-error-responses.decorator';
import { ApiKeySecurity } from '../openapi/api-key-security.decorator';
import { bodyNotAnObject, bootstrapKeyRefused, invalidKeyBody, invalidPageQuery, keyConflict, keyErrors, keyNotFound, storeUnavailable } from '../openapi/openapi-examples';
import { ApiKeyIdParam } from './api-key-id-param.decorator';
import { CreateKeyDto } from './dto/create-key.dto';
import { KeyIdParams } from './dto/key-id.params';
import { CreatedKeyResponse, KeyPageResponse, KeyResponse } from './dto/key.response';
import { DEFAULT_PAGE_LIMIT, MAX_CURSOR_LENGTH, MAX_PAGE_LIMIT } from './dto/page-query.dto';
import { UpdateKeyDto } from './dto/update-key.dto';
import { CreateKeyBodyPipe, UpdateKeyBodyPipe } from './key-body.pipe';
import { KeyAdministration } from './key-administration.service';
import { KeyIdParamsPipe } from './key-id-params.pipe';
import { presentCreatedKey, presentKey, presentKeyPage } from './key.presenter';
import { type PageRequest, PageQueryPipe } from './page-query.pipe';

/**
 * Manages the stored API keys (scope `keys:manage`): create (the secret is answered once), list, read,
 * change, revoke and rotate. The bootstrap keys of the environment are not stored and are refused.
 */
@ApiTags('keys')
@ApiKeySecurity()
@Controller('v1/keys')
@RequireScope('keys:manage')
export class KeysController {
  constructor(private readonly keys: KeyAdministration) {}

  @ApiOperation({
    operationId: 'createKey',
    summary: 'Create an API key',
    description: 'Answers the key (`fsk_<id>_<secret>`) once: only its digest is stored. A key without `admin` grants only scopes it has and allow-lists within its own (403 otherwise).',
  })
  @ApiBody({ type: CreateKeyDto })
  @ApiCreatedResponse({ type: CreatedKeyResponse })
  @ApiErrorResponses({ 400: invalidKeyBody(), ...keyErrors('keys:manage'), 503: storeUnavailable('write') })
  @Post()
  async create(@Body(CreateKeyBodyPipe) key: NewKeyInput, @CurrentCaller() caller: Principal): Promise<CreatedKeyResponse> {
    return presentCreatedKey(await this.keys.create(key, caller));
  }

  @ApiOperation({ operationId: 'listKeys', summary: 'List the stored keys by id, without their secrets', description: 'Revoked and expired keys included.' })
  @ApiQuery({ name: 'limit', required: false, schema: { type: 'integer', minimum: 1, maximum: MAX_PAGE_LIMIT, default: DEFAULT_PAGE_LIMIT } })
  @ApiQuery({ name: 'cursor', required: false, description: 'The `next_cursor` of the previous page.', schema: { type: 'string', minLength: 1, maxLength: MAX_CURSOR_LENGTH } })
  @ApiOkResponse({ type: KeyPageResponse })
  @ApiErrorResponses({ 400: invalidPageQuery(), ...keyErrors('keys:manage'), 503: storeUnavailable('read') })
  @Get()
  async list(@Query(PageQueryPipe) page: PageRequest): Promise<KeyPageResponse> {
    return presentKeyPage(await this.keys.list(page));
  }

  @ApiOperation({ operationId: 'getKey', summary: 'Read a stored key, without its secret' })
  @ApiKeyIdParam()
  @ApiOkResponse({ type: KeyResponse })
  @ApiErrorResponses({ 400: bootstrapKeyRefused(), ...keyErrors('keys:manage'), 404: keyNotFound(), 503: storeUnavailable('read') })
  @Get(':id')
  async get(@Param(KeyIdParamsPipe) { id }: KeyIdParams): Promise<KeyResponse> {
    return presentKey(await this.keys.get(id));
  }

  @ApiOperation({ operationId: 'updateKey', summary: "Change a key's name, scopes, allow-lists, limits or expiry", description: 'Takes effect in every API process within a second. A key without `admin` changes only keys within its own scopes and allow-lists, not its own (403).' })
  @ApiKeyIdParam()
  @ApiBody({ type: UpdateKeyDto })
  @ApiOkResponse({ type: KeyResponse })
  @ApiErrorResponses({ 400: invalidKeyBody(), ...keyErrors('keys:manage'), 404: keyNotFound(), 409: keyConflict(), 503: storeUnavailable('write') })
  @Patch(':id')
  async update(@Param(KeyIdParamsPipe) { id }: KeyIdParams, @Body(UpdateKeyBodyPipe) changes: KeyPatch, @CurrentCaller() caller: Principal): Promise<KeyResponse> {
    return presentKey(await this.keys.update(id, changes, caller));
  }

  @ApiOperation({ operationId: 'revokeKey', summary: 'Revoke a key', description: 'Refused everywhere within a second; its jobs stay, visible to admin keys. Revoking a revoked key changes nothing.' })
  @ApiKeyIdParam()
  @ApiOkResponse({ type: KeyResponse })
  @ApiErrorResponses({ 400: bootstrapKeyRefused(), ...keyErrors('keys:manage'), 404: keyNotFound(), 409: keyConflict(), 503: storeUnavailable('write') })
  @Delete(':id')
  async revoke(@Param(KeyIdParamsPipe) { id }: KeyIdParams, @CurrentCaller() caller: Principal): Promise<KeyResponse> {
    return presentKey(await this.keys.revoke(id, caller));
  }

  @ApiOperation({
    operationId: 'rotateKey',
    summary: 'Give a key a new secret',
    description:
      'Answers the new key once. The old one keeps working for FORGESYTE_KEY_ROTATION_GRACE_SECONDS (docs/keys.md), then is refused; rotating again ends that grace at once. A revoked key cannot be rotated. The request body, if any, is ignored.',
  })
  @ApiKeyIdParam()
  @ApiOkResponse({ type: CreatedKeyResponse })
  @ApiErrorResponses({ 400: bodyNotAnObject(), ...keyErrors('keys:manage'), 404: keyNotFound(), 409: keyConflict(), 503: storeUnavailable('write') })
  @Post(':id/rotate')
  @HttpCode(200)
  async rotate(@Param(KeyIdParamsPipe) { id }: KeyIdParams, @CurrentCaller() caller: Principal): Promise<CreatedKeyResponse> {
    return presentCreatedKey(await this.keys.rotate(id, caller));
  }
}
