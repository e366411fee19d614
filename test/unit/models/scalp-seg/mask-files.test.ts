import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { classMaskBytes, maskPngs } from '../../../../src/models/scalp-seg/mask-files.js';

describe('classMaskBytes', () => {
  it('is 255 exactly where the label is the class', () => {
    expect(Array.from(classMaskBytes(new Uint8Array([0, 2, 2, 3, 1]), 2))).toEqual([0, 255, 255, 0, 0]);
  });
  it('rejects a class index outside 0..3', () => {
    expect(() => classMaskBytes(new Uint8Array(2), 4)).toThrow(/0\.\.3/);
  });
});

describe('maskPngs', () => {
  it('writes one 8-bit single-channel PNG per class at the segmentation size', async () => {
    const labels = new Uint8Array([0, 1, 2, 3, 2, 2]);
    const pngs = await maskPngs({ width: 3, height: 2, labels, probs: new Float32Array(24) });
    expect(Object.keys(pngs).sort()).toEqual(['background', 'hair', 'scar', 'skin']);
    // sharp's raw read expands grey to 3 channels: check the file's own header, then read channel 0
    const head = await sharp(pngs.hair).metadata();
    expect([head.width, head.height, head.channels]).toEqual([3, 2, 1]);
    const { data } = await sharp(pngs.hair).extractChannel(0).raw().toBuffer({ resolveWithObject: true });
    expect(Array.from(data)).toEqual([0, 0, 255, 0, 255, 255]);
    const meta = await sharp(pngs.scar).metadata();
    expect(meta.depth).toBe('uchar');
    expect(meta.channels).toBe(1);
  });
});
