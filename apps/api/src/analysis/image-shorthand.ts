import { type ErrorContext, InputInvalidError, RequestInvalidError } from '@forgesyte/errors';
import type { AnalysisRequest } from '@forgesyte/execution';
import type { AnalyzeRequestDto } from './dto/analyze-request.dto';
import { detectImageType, SUPPORTED_IMAGE_TYPES } from './image-signature';

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
/** 16 base64 characters decode to 12 bytes: enough for every signature. */
const HEAD_CHARS = 16;

/**
 * Turns a validated body into an analysis request. The `image`/`mime_type` shorthand is checked
 * (base64, non-empty, leading bytes of a supported type that matches `mime_type`) and handed to the
 * tool as `args.image` and `args.mime_type`.
 */
export function toAnalysisRequest(body: AnalyzeRequestDto): AnalysisRequest {
  const args = body.args ?? {};
  if (body.image === undefined && body.mime_type === undefined) return { plugin: body.plugin, tool: body.tool, args, priority: body.priority, maxAttempts: body.max_attempts };
  if (body.image === undefined || body.mime_type === undefined) {
    throw new RequestInvalidError('image and mime_type go together: send both, or neither.');
  }
  if ('image' in args || 'mime_type' in args) {
    throw new RequestInvalidError('Send the image either as top-level image/mime_type or inside args, not both.');
  }
  checkImage(body.image, body.mime_type, { plugin: body.plugin, tool: body.tool });
  return { plugin: body.plugin, tool: body.tool, args: { ...args, image: body.image, mime_type: body.mime_type }, priority: body.priority, maxAttempts: body.max_attempts };
}

function checkImage(image: string, mimeType: string, context: ErrorContext): void {
  const fail = (message: string): never => {
    throw new InputInvalidError(message, { ...context, details: { violations: [{ path: '/image', message }] } });
  };
  if (!SUPPORTED_IMAGE_TYPES.includes(mimeType)) {
    fail(`mime_type '${mimeType}' is not supported; use one of: ${SUPPORTED_IMAGE_TYPES.join(', ')}.`);
  }
  if (image.startsWith('data:')) fail('image must be plain base64, without a data: URL prefix; strip everything up to the comma.');
  if (image.length === 0) fail('image is empty; send the base64 of a non-empty image file.');
  if (image.length % 4 !== 0 || !BASE64.test(image)) {
    fail('image is not valid base64 (standard alphabet, padded with =, no line breaks); encode it with `base64 -w0 file`.');
  }
  const detected = detectImageType(Buffer.from(image.slice(0, HEAD_CHARS), 'base64'));
  if (detected === undefined) fail(`image is not a supported image file: its first bytes match none of ${SUPPORTED_IMAGE_TYPES.join(', ')}.`);
  if (detected !== mimeType) fail(`image is ${detected} but mime_type says ${mimeType}; send mime_type '${detected}'.`);
}
