import { Controller, Get, Param } from '@nestjs/common';
import { PluginRegistry } from '@forgesyte/registry';
import { RequireScope } from '../auth/require-scope.decorator';
import { presentPluginDetail, presentPluginHealth, presentPluginSummary } from './plugin.presenter';

/** Lists plugins with their state and metrics, and describes one with its tools and schemas. */
@Controller('v1/plugins')
@RequireScope('plugins:read')
export class PluginsController {
  constructor(private readonly registry: PluginRegistry) {}

  @Get()
  list() {
    const plugins = this.registry.list().map(presentPluginSummary);
    return { plugins, count: plugins.length };
  }

  @Get(':name')
  describe(@Param('name') name: string) {
    return presentPluginDetail(this.registry.snapshot(name));
  }

  @Get(':name/health')
  health(@Param('name') name: string) {
    return presentPluginHealth(this.registry.snapshot(name));
  }
}
