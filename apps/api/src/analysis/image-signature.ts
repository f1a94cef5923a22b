/**
 * Image media types the `image` shorthand accepts, each with a test of its leading bytes: those the
 * shipped image tools decode (`IMAGE_MIME_TYPES` of `@forgesyte/image-io`; a spec keeps the two equal).
 */
const SIGNATURES: ReadonlyArray<readonly [string, (head: Buffer) => boolean]> = [
  ['image/png', (head) => head.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))],
  ['image/jpeg', (head) => head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff],
  ['image/gif', (head) => ['GIF87a', 'GIF89a'].includes(head.subarray(0, 6).toString('latin1'))],
  ['image/webp', (head) => head.subarray(0, 4).toString('latin1') === 'RIFF' && head.subarray(8, 12).toString('latin1') === 'WEBP'],
  ['image/tiff', (head) => ['II*\0', 'MM\0*'].includes(head.subarray(0, 4).toString('latin1'))],
];

/** The media types the shorthand accepts. */
export const SUPPORTED_IMAGE_TYPES: readonly string[] = SIGNATURES.map(([type]) => type);

/** The media type the leading bytes of an image announce, if it is a supported one. */
export function detectImageType(head: Buffer): string | undefined {
  return SIGNATURES.find(([, matches]) => matches(head))?.[0];
}
