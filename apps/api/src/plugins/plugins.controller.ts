import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PluginRegistry } from '@forgesyte/registry';
import type { Principal } from '../auth/api-key-ring';
import { CallPermission, mayCallPlugin, withCallableTools } from '../auth/call-permission';
import { CurrentCaller } from '../auth/current-caller.decorator';
import { RequireScope } from '../auth/require-scope.decorator';
import { ApiErrorResponses } from '../openapi/api-error-responses.decorator';
import { ApiKeySecurity } from '../openapi/api-key-security.decorator';
import { bodyNotAnObject, keyErrors, pluginNotFound } from '../openapi/openapi-examples';
import { ApiPluginNameParam } from './api-plugin-name-param.decorator';
import { PluginNameParams } from './dto/plugin-name.params';
import { PluginDetailResponse, PluginHealthResponse, PluginListResponse } from './dto/plugin.response';
import { findPlugin } from './find-plugin';
import { PluginNameParamsPipe } from './plugin-name-params.pipe';
import { asSeenBy } from './plugin-visibility';
import { presentPluginDetail, presentPluginHealth, presentPluginSummary } from './plugin.presenter';

/**
 * Lists plugins with their state and metrics, and describes one with its tools and schemas. Why a
 * plugin cannot run is shown in full only to the admin key (see {@link asSeenBy}). A key with
 * allow-lists sees only the plugins and tools it may call; naming another one is `FORBIDDEN`, as calling
 * it is (see {@link CallPermission}).
 */
@ApiTags('plugins')
@ApiKeySecurity()
@Controller('v1/plugins')
@RequireScope('plugins:read')
export class PluginsController {
  constructor(
    private readonly registry: PluginRegistry,
    private readonly permission: CallPermission,
  ) {}

  @ApiOperation({ operationId: 'listPlugins', summary: 'List the plugins with their state and metrics' })
  @ApiOkResponse({ type: PluginListResponse })
  @ApiErrorResponses({ 400: bodyNotAnObject(), ...keyErrors('plugins:read') })
  @Get()
  list(@CurrentCaller() caller: Principal) {
    const plugins = this.registry
      .list()
      .filter((plugin) => mayCallPlugin(caller, plugin.name))
      .map((plugin) => presentPluginSummary(asSeenBy(caller, withCallableTools(caller, plugin))));
    return { plugins, count: plugins.length };
  }

  @ApiOperation({ operationId: 'getPlugin', summary: 'Describe a plugin: its tools with their schemas and limits' })
  @ApiPluginNameParam()
  @ApiOkResponse({ type: PluginDetailResponse })
  @ApiErrorResponses({ 400: bodyNotAnObject(), ...keyErrors('plugins:read'), 404: pluginNotFound() })
  @Get(':name')
  describe(@Param(PluginNameParamsPipe) { name }: PluginNameParams, @CurrentCaller() caller: Principal) {
    this.permission.checkPlugin(caller, name);
    return presentPluginDetail(asSeenBy(caller, withCallableTools(caller, findPlugin(this.registry, name))));
  }

  @ApiOperation({ operationId: 'getPluginHealth', summary: "A plugin's state and metrics" })
  @ApiPluginNameParam()
  @ApiOkResponse({ type: PluginHealthResponse })
  @ApiErrorResponses({ 400: bodyNotAnObject(), ...keyErrors('plugins:read'), 404: pluginNotFound() })
  @Get(':name/health')
  health(@Param(PluginNameParamsPipe) { name }: PluginNameParams, @CurrentCaller() caller: Principal) {
    this.permission.checkPlugin(caller, name);
    return presentPluginHealth(asSeenBy(caller, findPlugin(this.registry, name)));
  }
}
