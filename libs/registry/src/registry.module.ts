import { Global, Module } from '@nestjs/common';
import { PluginCodeLocations } from './containment/plugin-code-locations';
import { UncaughtErrorContainment } from './containment/uncaught-error-containment.service';
import { PluginLoader } from './loading/plugin-loader.service';
import { PluginRegistry } from './plugin-registry.service';
import { ConfigurableRegistryModule } from './registry.module-definition';

/**
 * Loads plugins at start, disposes them at shutdown, and exports the {@link PluginRegistry}. Plugin
 * code is contained: see {@link PluginLoader} and {@link UncaughtErrorContainment}.
 *
 * Global: a process has one registry (each plugin loaded once, one set of process-wide error
 * handlers), which the runtime's ToolRunner and the API's plugin routes both read. Import `forRoot`
 * once, at the root: a second import would load every plugin twice.
 */
@Global()
@Module({
  providers: [PluginRegistry, PluginLoader, PluginCodeLocations, UncaughtErrorContainment],
  exports: [PluginRegistry],
})
export class RegistryModule extends ConfigurableRegistryModule {}
