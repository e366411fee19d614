// Exercises the real loading code (card, sha256, onnxruntime session, input/output names) and the
// pre/post-processing with a tiny generated model (training/make_tiny_onnx.py): red -> skin,
// green -> hair, blue -> scar, black -> background.
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScalpSegmenter } from '../../../../src/models/scalp-seg/scalp-segmenter.js';
import type { RgbImage } from '../../../../src/vision/image.js';

const TINY = resolve(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'tiny');

function quadrants(width: number, height: number): RgbImage {
  const data = new Uint8Array(width * height * 3);
  const colours = [
    [255, 0, 0],
    [0, 255, 0],
    [0, 0, 255],
    [0, 0, 0],
  ];
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const q = (y < height / 2 ? 0 : 2) + (x < width / 2 ? 0 : 1);
      data.set(colours[q], (y * width + x) * 3);
    }
  }
  return { width, height, data };
}

describe('ScalpSegmenter with the tiny fixture model', () => {
  let seg: ScalpSegmenter;
  beforeAll(async () => {
    seg = await ScalpSegmenter.load(TINY, { intraOpThreads: 1 });
  });
  afterAll(async () => {
    await seg.release();
  });

  it('reads its contract from card.json', () => {
    expect(seg.contract.input.size).toBe(16);
    expect(seg.name).toBe('scalp-seg-tiny test-1');
  });

  it('returns masks and probabilities at the photo size, not the model size', async () => {
    const out = await seg.segment(quadrants(40, 24));
    expect(out.width).toBe(40);
    expect(out.height).toBe(24);
    expect(out.labels.length).toBe(40 * 24);
    expect(out.probs.length).toBe(4 * 40 * 24);
    const at = (x: number, y: number) => out.labels[y * 40 + x];
    expect([at(5, 3), at(35, 3), at(5, 20), at(35, 20)]).toEqual([1, 2, 3, 0]);
    for (let i = 0; i < 40 * 24; i += 37) {
      let s = 0;
      for (let c = 0; c < 4; c++) s += out.probs[c * 40 * 24 + i];
      expect(s).toBeCloseTo(1, 5);
    }
    // a saturated red pixel: logits (0, 9.0, -8.1, -7.2) -> skin prob ~1
    expect(out.probs[40 * 24 + 3 * 40 + 5]).toBeGreaterThan(0.999);
  });

  it('rejects weights that do not match the card', () => {
    const dir = mkdtempSync(join(tmpdir(), 'scalp-seg-'));
    copyFileSync(join(TINY, 'model.onnx'), join(dir, 'model.onnx'));
    const card = JSON.parse(readFileSync(join(TINY, 'card.json'), 'utf8'));
    writeFileSync(join(dir, 'card.json'), JSON.stringify({ ...card, sha256: '0'.repeat(64) }));
    return expect(ScalpSegmenter.load(dir)).rejects.toThrow(/sha256/);
  });

  it('rejects a card whose classes are not background, skin, hair, scar', () => {
    const dir = mkdtempSync(join(tmpdir(), 'scalp-seg-'));
    copyFileSync(join(TINY, 'model.onnx'), join(dir, 'model.onnx'));
    const card = JSON.parse(readFileSync(join(TINY, 'card.json'), 'utf8'));
    writeFileSync(join(dir, 'card.json'), JSON.stringify({ ...card, classes: ['background', 'hair', 'skin', 'scar'] }));
    return expect(ScalpSegmenter.load(dir)).rejects.toThrow(/classes must be/);
  });

  it('rejects a missing card with its path', () => {
    return expect(ScalpSegmenter.load(join(tmpdir(), 'no-such-model-dir'))).rejects.toThrow(/card\.json/);
  });
});

describe('ScalpSegmenter with a model whose output is 1/4 of its input (card output.size)', () => {
  it('resizes the 4x4 probability map to the photo', async () => {
    const seg = await ScalpSegmenter.load(`${TINY}-quarter`, { intraOpThreads: 1 });
    try {
      expect(seg.contract.output.size).toBe(4);
      const out = await seg.segment(quadrants(32, 32));
      expect([out.width, out.height, out.labels.length]).toEqual([32, 32, 1024]);
      const at = (x: number, y: number) => out.labels[y * 32 + x];
      expect([at(3, 3), at(28, 3), at(3, 28), at(28, 28)]).toEqual([1, 2, 3, 0]);
    } finally {
      await seg.release();
    }
  });
});

describe('ScalpSegmenter with a model whose output is 1/2 of its input (the detail-path layout)', () => {
  it('reads the 8x8 output side from the card and resizes it to the photo', async () => {
    const seg = await ScalpSegmenter.load(`${TINY}-half`, { intraOpThreads: 1 });
    try {
      expect(seg.contract.output.size).toBe(8);
      const img = quadrants(48, 40);
      expect((await seg.raw(img)).length).toBe(4 * 8 * 8);
      const out = await seg.segment(img);
      expect([out.width, out.height, out.labels.length]).toEqual([48, 40, 48 * 40]);
      const at = (x: number, y: number) => out.labels[y * 48 + x];
      expect([at(4, 4), at(44, 4), at(4, 36), at(44, 36)]).toEqual([1, 2, 3, 0]);
    } finally {
      await seg.release();
    }
  });

  function cardWith(output: Record<string, unknown>): string {
    const dir = mkdtempSync(join(tmpdir(), 'scalp-seg-'));
    copyFileSync(join(`${TINY}-half`, 'model.onnx'), join(dir, 'model.onnx'));
    const card = JSON.parse(readFileSync(join(`${TINY}-half`, 'card.json'), 'utf8'));
    writeFileSync(join(dir, 'card.json'), JSON.stringify({ ...card, output: { ...card.output, ...output } }));
    return dir;
  }

  it('rejects, with both sizes, a card whose output.size is not what the model gives', async () => {
    const seg = await ScalpSegmenter.load(cardWith({ size: 4 }), { intraOpThreads: 1 });
    try {
      await expect(seg.segment(quadrants(16, 16))).rejects.toThrow(/expected model output \[1, 4, 4, 4\], got \[1, 4, 8, 8\]/);
    } finally {
      await seg.release();
    }
  });

  it('rejects a card whose output.shape disagrees with output.size, or whose output is larger than its input', async () => {
    await expect(ScalpSegmenter.load(cardWith({ shape: [1, 4, 4, 4] }))).rejects.toThrow(/output\.shape \[1, 4, 4, 4\] disagrees/);
    await expect(ScalpSegmenter.load(cardWith({ size: 32 }))).rejects.toThrow(/output\.size 32 is larger than input\.size 16/);
  });
});
