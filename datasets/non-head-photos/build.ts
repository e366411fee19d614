// Builds the everyday non-head pictures from the unpacked Debian packages (fetch.sh): the test half from
// OpenCV's and scikit-image's sample photos and the GNOME, MATE and Plasma wallpapers; the fit half from
// other packages (Lomiri, UKUI and Debian wallpapers, scikit-learn's sample photos, Tux Paint's stamps), so
// no source is in both. Pictures with a person in them are left out by name. Each picture is flattened on
// grey (the stamps on a crop of a fit wallpaper: a cut-out on transparency is no photo) and saved as JPEG,
// long side at most 1600 px; from each fit wallpaper also three square crops (a part of a picture is
// another picture), so the fit half has some 800 images.
//   node dist/datasets/non-head-photos/build.js <debs dir>
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import sharp from 'sharp';
import { mulberry32 } from '../../src/vision/audit/synth/rng.js';

export const NON_HEAD_PHOTOS_DIR = resolve('datasets/cache/non-head-photos');

interface Source {
  pkg: string;
  /** folder inside the package */
  dir: string;
  use: 'fit' | 'eval';
  /** file names (no folder) taken; all pictures when absent */
  only?: string[];
  /** paths (relative to dir) taken; all pictures when absent */
  match?: RegExp;
  /** paths (relative to dir) that leave a picture out: people, or a second size of the same picture */
  skip?: RegExp;
  kind: 'photo' | 'wallpaper' | 'stamp';
}

const IMAGE = /\.(jpe?g|png|webp)$/i;

export const SOURCES: Source[] = [
  {
    pkg: 'opencv-doc', dir: 'usr/share/doc/opencv-doc/examples/data', use: 'eval', kind: 'photo',
    // basketball*, left*/right* (a man with a chessboard), messi5 and lena show people
    only: ['Blender_Suzanne1.jpg', 'HappyFish.jpg', 'LinuxLogo.jpg', 'aero3.jpg', 'aloeL.jpg', 'apple.jpg', 'baboon.jpg', 'blox.jpg', 'board.jpg', 'box_in_scene.png', 'building.jpg', 'butterfly.jpg', 'cards.png', 'chicky_512.png', 'ela_original.jpg', 'fruits.jpg', 'graf1.png', 'home.jpg', 'leuvenA.jpg', 'licenseplate_motion.jpg', 'notes.png', 'orange.jpg', 'pic1.png', 'pic3.png', 'rubberwhale1.png', 'smarties.png', 'squirrel_cls.jpg', 'starry_night.jpg', 'stuff.jpg', 'sudoku.png', 'text_defocus.jpg'],
  },
  {
    pkg: 'python3-skimage', dir: 'usr/lib/python3/dist-packages/skimage/data', use: 'eval', kind: 'photo',
    // astronaut and camera show people
    only: ['brick.png', 'cell.png', 'chelsea.png', 'coffee.png', 'coins.png', 'color.png', 'grass.png', 'gravel.png', 'horse.png', 'hubble_deep_field.jpg', 'ihc.png', 'logo.png', 'microaneurysms.png', 'moon.png', 'motorcycle_left.png', 'page.png', 'phantom.png', 'retina.jpg', 'rocket.jpg', 'text.png'],
  },
  { pkg: 'gnome-backgrounds', dir: 'usr/share/backgrounds/gnome', use: 'eval', kind: 'wallpaper', skip: /-d\.webp$/ },
  { pkg: 'mate-backgrounds', dir: 'usr/share/backgrounds/mate', use: 'eval', kind: 'wallpaper', skip: /desktop\/|_\d+x\d+\.|Arc-Colors|Gulp|Spring/ },
  // one size of each Plasma wallpaper (the first file of its images/ folder), no dark variants or previews
  { pkg: 'plasma-workspace-wallpapers', dir: 'usr/share/wallpapers', use: 'eval', kind: 'wallpaper', skip: /images_dark|screenshot|contents\/[^/]+$/ },
  { pkg: 'lomiri-wallpapers', dir: 'usr/share/backgrounds', use: 'fit', kind: 'wallpaper' },
  { pkg: 'lomiri-wallpapers-16.04', dir: 'usr/share/backgrounds', use: 'fit', kind: 'wallpaper', skip: /friends_by/ },
  { pkg: 'lomiri-wallpapers-20.04', dir: 'usr/share/backgrounds', use: 'fit', kind: 'wallpaper' },
  { pkg: 'ukui-wallpapers', dir: 'usr/share/backgrounds', use: 'fit', kind: 'wallpaper' },
  { pkg: 'python3-sklearn', dir: 'usr/lib/python3/dist-packages/sklearn/datasets/images', use: 'fit', kind: 'photo' },
  { pkg: 'desktop-base', dir: 'usr/share', use: 'fit', kind: 'wallpaper', match: /grub-16x9|plymouth_background|plymouth\/themes\/[a-z]+\/background/ },
  { pkg: 'tuxpaint-stamps-default', dir: 'usr/share/tuxpaint/stamps', use: 'fit', kind: 'stamp', skip: /^(people|seasonal|sports|medical)\// },
];

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? walk(join(dir, d.name)) : [join(dir, d.name)]));
}

/** The pictures a source gives, in a fixed order. */
export function sourceFiles(debs: string, s: Source): string[] {
  const root = join(debs, s.pkg, s.dir);
  if (!existsSync(root)) throw new Error(`${root} not found: run sh datasets/non-head-photos/fetch.sh`);
  let files = walk(root).filter((f) => IMAGE.test(f) && (s.only !== undefined || statSync(f).size >= 8000)).sort();
  if (s.only) files = files.filter((f) => s.only!.includes(basename(f)));
  if (s.match) files = files.filter((f) => s.match!.test(relative(root, f)));
  if (s.skip) files = files.filter((f) => !s.skip!.test(relative(root, f)));
  if (s.pkg === 'plasma-workspace-wallpapers') {
    // the first size of each wallpaper
    const seen = new Set<string>();
    files = files.filter((f) => {
      const name = relative(root, f).split('/')[0];
      if (seen.has(name)) return false;
      seen.add(name);
      return true;
    });
  }
  return files;
}

const nameOf = (s: Source, root: string, f: string): string => `${s.pkg}--${relative(root, f).replace(/\.[^.]+$/, '').replace(/[^A-Za-z0-9_-]+/g, '_')}`;

async function build(debs: string): Promise<void> {
  const r = mulberry32(20261125);
  for (const use of ['fit', 'eval'] as const) {
    rmSync(join(NON_HEAD_PHOTOS_DIR, use), { recursive: true, force: true });
    mkdirSync(join(NON_HEAD_PHOTOS_DIR, use), { recursive: true });
  }
  const backdrops: string[] = [];
  const counts = new Map<string, number>();
  for (const s of SOURCES.filter((x) => x.kind !== 'stamp')) {
    const root = join(debs, s.pkg, s.dir);
    for (const f of sourceFiles(debs, s)) {
      const out = join(NON_HEAD_PHOTOS_DIR, s.use, nameOf(s, root, f));
      const base = sharp(f).flatten({ background: '#808080' });
      await base.clone().resize(1600, 1600, { fit: 'inside', withoutEnlargement: true }).jpeg({ quality: 90 }).toFile(`${out}.jpg`);
      counts.set(s.use, (counts.get(s.use) ?? 0) + 1);
      if (s.use === 'fit' && s.kind === 'wallpaper') {
        backdrops.push(`${out}.jpg`);
        const { width = 0, height = 0 } = await sharp(f).metadata();
        for (let k = 0; k < 3; k++) {
          const side = Math.round(Math.min(width, height) * (0.3 + 0.5 * r()));
          const left = Math.floor(r() * (width - side + 1));
          const top = Math.floor(r() * (height - side + 1));
          await base.clone().extract({ left, top, width: side, height: side }).resize(800, 800, { fit: 'inside', withoutEnlargement: true }).jpeg({ quality: 90 }).toFile(`${out}--crop${k}.jpg`);
          counts.set(s.use, (counts.get(s.use) ?? 0) + 1);
        }
      }
    }
  }
  for (const s of SOURCES.filter((x) => x.kind === 'stamp')) {
    const root = join(debs, s.pkg, s.dir);
    for (const f of sourceFiles(debs, s)) {
      const stamp = await sharp(f).resize(640, 640, { fit: 'inside' }).png().toBuffer();
      const back = backdrops[Math.floor(r() * backdrops.length)];
      await sharp(back).resize(800, 800, { fit: 'cover' }).composite([{ input: stamp, gravity: 'centre' }]).jpeg({ quality: 90 }).toFile(join(NON_HEAD_PHOTOS_DIR, s.use, `${nameOf(s, root, f)}.jpg`));
      counts.set(s.use, (counts.get(s.use) ?? 0) + 1);
    }
  }
  console.log(`non-head photos: ${counts.get('fit') ?? 0} for the fit, ${counts.get('eval') ?? 0} for the test -> ${NON_HEAD_PHOTOS_DIR}`);
}

if (process.argv[1]?.endsWith('build.js')) await build(resolve(process.argv[2] ?? join(NON_HEAD_PHOTOS_DIR, 'debs')));
