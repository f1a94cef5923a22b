import { ConfigurableModuleBuilder } from '@nestjs/common';
import type { RegistryModuleOptions } from './registry.options';

/** `RegistryModule.forRoot(options)`; its options are injected as `REGISTRY_MODULE_OPTIONS`. */
export const {
  ConfigurableModuleClass: ConfigurableRegistryModule,
  MODULE_OPTIONS_TOKEN: REGISTRY_OPTIONS,
} = new ConfigurableModuleBuilder<RegistryModuleOptions>({ moduleName: 'Registry' }).setClassMethodName('forRoot').build();
