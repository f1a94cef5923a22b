import { ApiParam } from '@nestjs/swagger';
import { EXAMPLE_PLUGIN } from '../openapi/example-values';

/**
 * Documents the `name` path parameter of the `/v1/plugins/{name}` routes: any name answers, a name no
 * plugin has with 404 `PLUGIN_NOT_FOUND` (see `PluginNameParamsPipe`).
 */
export const ApiPluginNameParam = (): MethodDecorator =>
  ApiParam({ name: 'name', description: "The plugin's name, as GET /v1/plugins lists it.", schema: { type: 'string', minLength: 1 }, example: EXAMPLE_PLUGIN });
