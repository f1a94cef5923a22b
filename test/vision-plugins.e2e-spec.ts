import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ADMIN_KEY, type E2eApp, startApp } from './support/e2e-app';
import { expectEnvelope } from './support/envelope';
import { fixtureImageBase64 } from './support/fixture-images';
import { wordAccuracy } from '../libs/plugins/ocr/src/testing/word-accuracy';

interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

const expected = JSON.parse(readFileSync(join(__dirname, 'fixtures', 'images', 'motion-expected.json'), 'utf8')) as {
  regions: Box[];
};

function iou(a: Box, b: Box): number {
  const overlapW = Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x));
  const overlapH = Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y));
  const overlap = overlapW * overlapH;
  return overlap / (a.width * a.height + b.width * b.height - overlap);
}

const ocrText = readFileSync(join(__dirname, 'fixtures', 'images', 'ocr-text.txt'), 'utf8');

const frame = (file: string, mime: string) => ({ image: fixtureImageBase64(file), mime_type: mime });

describe('shipped vision plugins over HTTP', () => {
  let api: E2eApp;
  const analyze = (body: object) => api.http().post('/v1/analyze-execution').set('X-API-Key', ADMIN_KEY).send(body);

  beforeAll(async () => {
    api = await startApp();
  });
  afterAll(() => api.close());

  describe('motion-detect', () => {
    it.each([
      ['PNG', 'motion-a.png', 'motion-b.png', 'image/png'],
      ['JPEG', 'motion-a.jpg', 'motion-b.jpg', 'image/jpeg'],
    ])('finds exactly the known moving rectangles in the %s pair', async (_kind, a, b, mime) => {
      const response = await analyze({ plugin: 'motion-detect', args: { frame_a: frame(a, mime), frame_b: frame(b, mime) } });

      expect(response.status).toBe(200);
      const regions = response.body.result.regions as Box[];
      expect(response.body.result.motion).toBe(true);
      expect(regions).toHaveLength(expected.regions.length);
      for (const known of expected.regions) {
        expect(Math.max(...regions.map((region) => iou(region, known)))).toBeGreaterThanOrEqual(0.8);
      }
    });

    it('reports no motion for identical frames', async () => {
      const same = frame('motion-a.png', 'image/png');

      const response = await analyze({ plugin: 'motion-detect', args: { frame_a: same, frame_b: same } });

      expect(response.body.result).toMatchObject({ motion: false, changed_fraction: 0, regions: [] });
    });

    it('refuses frames of different sizes with both sizes in the message', async () => {
      const response = await analyze({
        plugin: 'motion-detect',
        args: { frame_a: frame('motion-a.png', 'image/png'), frame_b: frame('grey.png', 'image/png') },
      });

      expectEnvelope(response, 400, { code: 'INPUT_INVALID', type: 'ValidationError', plugin: 'motion-detect' });
      expect(response.body.error.message).toMatch(/320x240.*32x32|320×240.*32×32/);
    });

    it.each([
      ['a zero-byte frame', { image: '', mime_type: 'image/png' }, /frame_b/],
      ['a corrupt frame', { image: Buffer.from('not an image at all').toString('base64'), mime_type: 'image/png' }, /frame_b\.image` could not be decoded/],
      ['a PNG declared as JPEG', frame('motion-b.png', 'image/jpeg'), /`frame_b\.mime_type` is image\/jpeg but `frame_b\.image` is a png image/],
    ])('answers %s with a clear envelope, and the server stays up', async (_case, frameB, message) => {
      const response = await analyze({ plugin: 'motion-detect', args: { frame_a: frame('motion-a.png', 'image/png'), frame_b: frameB } });

      expectEnvelope(response, 400, { code: 'INPUT_INVALID', type: 'ValidationError', plugin: 'motion-detect' });
      expect(response.body.error.message).toMatch(message);
      expect((await api.http().get('/v1/health')).status).toBe(200);
    });
  });

  describe('ocr', () => {
    it.each([
      ['ocr-text.png', 'image/png', 717, 181],
      ['ocr-text.jpg', 'image/jpeg', 680, 174],
    ])('reads the known text of %s with at least 90%% word accuracy, boxes inside the image', async (file, mime, width, height) => {
      const response = await analyze({ plugin: 'ocr', tool: 'extract_text', image: fixtureImageBase64(file), mime_type: mime });

      expect(response.status).toBe(200);
      const result = response.body.result as { text: string; words: Array<{ bbox: { x0: number; y0: number; x1: number; y1: number } }> };
      expect(wordAccuracy(ocrText, result.text)).toBeGreaterThanOrEqual(0.9);
      for (const { bbox } of result.words) {
        expect(bbox.x0).toBeGreaterThanOrEqual(0);
        expect(bbox.y0).toBeGreaterThanOrEqual(0);
        expect(bbox.x1).toBeLessThanOrEqual(width);
        expect(bbox.y1).toBeLessThanOrEqual(height);
      }
    });

    it('lists the installed language models', async () => {
      const response = await analyze({ plugin: 'ocr', tool: 'languages', args: {} });

      expect(JSON.stringify(response.body.result)).toContain('eng');
    });

    it('refuses a language that is not installed, listing the installed ones', async () => {
      const response = await analyze({ plugin: 'ocr', tool: 'extract_text', args: { ...frame('ocr-text.png', 'image/png'), lang: 'klingon' } });

      expectEnvelope(response, 400, { code: 'INPUT_INVALID', type: 'ValidationError', plugin: 'ocr' });
      expect(response.body.error.message).toContain('eng');
    });

    it.each([
      ['a zero-byte image', { image: '', mime_type: 'image/png' }],
      ['a corrupt image', { image: Buffer.from('garbage bytes').toString('base64'), mime_type: 'image/png' }],
      ['a PNG declared as JPEG', frame('ocr-text.png', 'image/jpeg')],
    ])('answers %s with INPUT_INVALID, and the server stays up', async (_case, image) => {
      const response = await analyze({ plugin: 'ocr', tool: 'extract_text', args: image });

      expectEnvelope(response, 400, { code: 'INPUT_INVALID', type: 'ValidationError' });
      expect((await api.http().get('/v1/health')).status).toBe(200);
    });
  });

  it('lists the three shipped plugins as INITIALIZED, with their tools and schemas', async () => {
    const response = await api.http().get('/v1/plugins').set('X-API-Key', ADMIN_KEY);
    const shipped = (response.body.plugins as Array<{ name: string; state: string }>).filter((plugin) =>
      ['image-inspect', 'motion-detect', 'ocr'].includes(plugin.name),
    );

    expect(shipped.map(({ name, state }) => ({ name, state }))).toEqual([
      { name: 'image-inspect', state: 'INITIALIZED' },
      { name: 'motion-detect', state: 'INITIALIZED' },
      { name: 'ocr', state: 'INITIALIZED' },
    ]);
    for (const name of ['motion-detect', 'ocr']) {
      const detail = await api.http().get(`/v1/plugins/${name}`).set('X-API-Key', ADMIN_KEY);
      for (const tool of detail.body.tools as Array<{ input_schema: unknown; output_schema: unknown }>) {
        expect(tool.input_schema).toMatchObject({ type: 'object' });
        expect(tool.output_schema).toMatchObject({ type: 'object' });
      }
    }
  });
});
