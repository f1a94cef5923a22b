import { Injectable, type PipeTransform } from '@nestjs/common';
import { PluginNotFoundError } from '@forgesyte/errors';
import { PluginRegistry } from '@forgesyte/registry';
import { DtoCheck } from '../validation/dto-check';
import { PluginNameParams } from './dto/plugin-name.params';

const PARAMS = new DtoCheck('path', PluginNameParams);

/** Checks the `{name}` of a plugin URL; a name no plugin can have answers 404 `PLUGIN_NOT_FOUND`, as an unknown one does. */
@Injectable()
export class PluginNameParamsPipe implements PipeTransform<unknown, PluginNameParams> {
  constructor(private readonly registry: PluginRegistry) {}

  transform(params: unknown): PluginNameParams {
    const result = PARAMS.inspect(params);
    if (result.valid) return result.dto;
    throw new PluginNotFoundError(String((params as Partial<Record<string, unknown>>).name), this.registry.names());
  }
}
