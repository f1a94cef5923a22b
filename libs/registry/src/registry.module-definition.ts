import { ConfigurableModuleBuilder } from '@nestjs/common';
import type { RegistryModuleOptions } from './registry.options';

/** `RegistryModule.forRoot(options)`: global by default, so the libs above it can inject its exports. */
export const {
  ConfigurableModuleClass: ConfigurableRegistryModule,
  MODULE_OPTIONS_TOKEN: REGISTRY_OPTIONS,
} = new ConfigurableModuleBuilder<RegistryModuleOptions>()
  .setClassMethodName('forRoot')
  .setExtras({ isGlobal: true }, (definition, extras) => ({ ...definition, global: extras.isGlobal }))
  .build();
