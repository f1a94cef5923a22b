import { ApiParam } from '@nestjs/swagger';
import { EXAMPLE_KEY_ID } from '../openapi/example-values';
import { KEY_ID_PATTERN } from './dto/key-id.params';

/** Documents the `id` path parameter of the `/v1/keys/{id}` routes (checked by `KeyIdParamsPipe`). */
export const ApiKeyIdParam = (): MethodDecorator =>
  ApiParam({ name: 'id', description: "The key's id, as POST /v1/keys or GET /v1/keys answered it.", schema: { type: 'string', pattern: KEY_ID_PATTERN.source }, example: EXAMPLE_KEY_ID });
