import { Controller, Get, Param } from '@nestjs/common';
import { PluginRegistry } from '@forgesyte/registry';
import type { Principal } from '../auth/api-key-ring';
import { CurrentCaller } from '../auth/current-caller.decorator';
import { RequireScope } from '../auth/require-scope.decorator';
import { findPlugin } from './find-plugin';
import { presentPluginDetail, presentPluginHealth, presentPluginSummary } from './plugin.presenter';
import { asSeenBy } from './plugin-visibility';

/**
 * Lists plugins with their state and metrics, and describes one with its tools and schemas. Why a
 * plugin cannot run is shown in full only to the admin key (see {@link asSeenBy}).
 */
@Controller('v1/plugins')
@RequireScope('plugins:read')
export class PluginsController {
  constructor(private readonly registry: PluginRegistry) {}

  @Get()
  list(@CurrentCaller() caller: Principal) {
    const plugins = this.registry.list().map((plugin) => presentPluginSummary(asSeenBy(caller, plugin)));
    return { plugins, count: plugins.length };
  }

  @Get(':name')
  describe(@Param('name') name: string, @CurrentCaller() caller: Principal) {
    return presentPluginDetail(asSeenBy(caller, findPlugin(this.registry, name)));
  }

  @Get(':name/health')
  health(@Param('name') name: string, @CurrentCaller() caller: Principal) {
    return presentPluginHealth(asSeenBy(caller, findPlugin(this.registry, name)));
  }
}
