import { Module } from '@nestjs/common';
import { PluginLoader } from './loading/plugin-loader.service';
import { PluginRegistry } from './plugin-registry.service';
import { ConfigurableRegistryModule } from './registry.module-definition';

/** Loads plugins at start, disposes them at shutdown, and exports the {@link PluginRegistry}. */
@Module({
  providers: [PluginRegistry, PluginLoader],
  exports: [PluginRegistry],
})
export class RegistryModule extends ConfigurableRegistryModule {}
