// `smp segment <image> [<image> ...] --out <dir>` (DESIGN.md section 3): for each image writes
// hair.png, skin.png, scar.png, background.png into <dir>/<file name without extension>/ — 8-bit
// single-channel, 255 = that class, at the input's pixel size after EXIF orientation. The model is
// loaded once for all images. Each image goes through the service's intake checks (what the bytes are,
// the size limits, damaged data), decoded at its own size.
import { mkdir, writeFile } from 'node:fs/promises';
import { basename, extname, join, resolve } from 'node:path';
import type { Command } from 'commander';
import { ScalpSegmenter } from '../../models/scalp-seg/scalp-segmenter.js';
import { decodeUpright } from '../../vision/intake/decode.js';
import { ACCEPTED_FORMATS } from '../../vision/intake/sniff.js';
import { maskPngs } from '../../models/scalp-seg/mask-files.js';
import { fsErrorText } from '../fs-error-text.js';
import { readInputFile } from '../read-input.js';

/** Output folder of one image: its file name without the extension. */
export function outputFolder(outDir: string, image: string): string {
  const name = basename(image, extname(image));
  if (!name) throw new Error(`cannot derive an output folder name from ${image}`);
  return join(resolve(outDir), name);
}

export function register(program: Command): void {
  program
    .command('segment')
    .description('write hair/skin/scar/background masks (8-bit PNG, 255 = class) for each image')
    .argument('<images...>', `image files (${ACCEPTED_FORMATS})`)
    .requiredOption('--out <dir>', 'output folder; each image gets <dir>/<name>/{hair,skin,scar,background}.png')
    .option('--model <dir>', 'model folder with model.onnx and card.json (default: models/scalp-seg)')
    .action(async (images: string[], opts: { out: string; model?: string }) => {
      const folders = images.map((img) => outputFolder(opts.out, img));
      const clash = folders.find((f, i) => folders.indexOf(f) !== i);
      if (clash) throw new Error(`two images would write to the same folder ${clash}; rename one`);
      const model = await ScalpSegmenter.load(opts.model);
      let failed = 0;
      try {
        for (const [i, image] of images.entries()) {
          try {
            const img = await decodeUpright(await readInputFile(image));
            const pngs = await maskPngs(await model.segment(img));
            await mkdir(folders[i], { recursive: true }).catch((err: unknown) => {
              throw new Error(`cannot make the folder ${folders[i]}: ${fsErrorText(err)}`);
            });
            for (const [name, png] of Object.entries(pngs)) await writeFile(join(folders[i], `${name}.png`), png);
            console.log(`${image} -> ${folders[i]} (${img.width}x${img.height})`);
          } catch (err) {
            failed++;
            console.error(`smp segment: ${image}: ${err instanceof Error ? err.message : String(err)}`);
          }
        }
      } finally {
        await model.release();
      }
      if (failed > 0) process.exitCode = 1;
    });
}
