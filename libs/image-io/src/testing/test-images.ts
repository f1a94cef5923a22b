import { crc32, deflateSync } from 'node:zlib';
import sharp from 'sharp';
import type { ImageInput, ImageMimeType } from '../image-input';

/** Tool args for `bytes` declared as `mimeType`. */
export function imageInput(bytes: Buffer, mimeType: ImageMimeType): ImageInput {
  return { image: bytes.toString('base64'), mime_type: mimeType };
}

/** A single-channel 8-bit greyscale PNG of the given pixel values, row by row. */
export function greyPng(width: number, height: number, values: ArrayLike<number>): Promise<Buffer> {
  return sharp(Buffer.from(Array.from(values)), { raw: { width, height, channels: 1 } })
    .toColourspace('b-w')
    .png()
    .toBuffer();
}

/** A greyscale black/white checkerboard PNG of `size` x `size` pixels, black square at the top left. */
export function checkerboardPng(size: number, square: number): Promise<Buffer> {
  const values = new Uint8Array(size * size);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      values[y * size + x] = (Math.floor(x / square) + Math.floor(y / square)) % 2 === 0 ? 0 : 255;
    }
  }
  return greyPng(size, size, values);
}

/** An RGB PNG whose left half is `left` and right half is `right` (each `[r, g, b]`). */
export function twoColourPng(width: number, height: number, left: number[], right: number[]): Promise<Buffer> {
  const values: number[] = [];
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) values.push(...(x < width / 2 ? left : right));
  }
  return sharp(Buffer.from(values), { raw: { width, height, channels: 3 } }).png().toBuffer();
}

/**
 * A well-formed PNG of about 70 bytes whose IHDR declares `width` x `height` greyscale pixels: a
 * decompression bomb's header, with (almost) no pixel data behind it.
 */
export function hugeHeaderPng(width: number, height: number): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 0; // colour type: greyscale
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const pixels = deflateSync(Buffer.alloc(16));
  const chunks = [pngChunk('IHDR', header), pngChunk('IDAT', pixels), pngChunk('IEND', Buffer.alloc(0))];
  return Buffer.concat([signature, ...chunks]);
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const checksum = Buffer.alloc(4);
  checksum.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, checksum]);
}
