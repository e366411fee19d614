import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SOURCES, sourceFiles } from '../../../datasets/non-head-photos/build.js';

const debs = mkdtempSync(join(tmpdir(), 'non-head-'));
afterAll(() => rmSync(debs, { recursive: true, force: true }));
const put = (path: string, bytes = 9000): void => {
  mkdirSync(join(debs, path, '..'), { recursive: true });
  writeFileSync(join(debs, path), Buffer.alloc(bytes));
};
const source = (pkg: string) => SOURCES.find((s) => s.pkg === pkg)!;

describe('the everyday non-head pictures', () => {
  it('keep the fit and the test in different packages', () => {
    const fit = new Set(SOURCES.filter((s) => s.use === 'fit').map((s) => s.pkg));
    expect(SOURCES.filter((s) => s.use === 'eval').some((s) => fit.has(s.pkg))).toBe(false);
  });

  it('leave out the named pictures with people, the dark variants and the stamps of people', () => {
    put('opencv-doc/usr/share/doc/opencv-doc/examples/data/baboon.jpg', 100); // listed: taken however small
    put('opencv-doc/usr/share/doc/opencv-doc/examples/data/messi5.jpg');
    put('gnome-backgrounds/usr/share/backgrounds/gnome/wood-l.webp');
    put('gnome-backgrounds/usr/share/backgrounds/gnome/wood-d.webp');
    put('tuxpaint-stamps-default/usr/share/tuxpaint/stamps/animals/cat.png');
    put('tuxpaint-stamps-default/usr/share/tuxpaint/stamps/people/girl.png');
    put('tuxpaint-stamps-default/usr/share/tuxpaint/stamps/food/tiny.png', 500); // an icon, not a picture
    expect(sourceFiles(debs, source('opencv-doc')).map((f) => basename(f))).toEqual(['baboon.jpg']);
    expect(sourceFiles(debs, source('gnome-backgrounds')).map((f) => basename(f))).toEqual(['wood-l.webp']);
    expect(sourceFiles(debs, source('tuxpaint-stamps-default')).map((f) => basename(f))).toEqual(['cat.png']);
  });

  it('take one size of each Plasma wallpaper', () => {
    for (const f of ['Path/contents/images/1280x1024.jpg', 'Path/contents/images/640x480.jpg', 'Path/contents/screenshot.jpg', 'Kay/contents/images_dark/1080x1920.png', 'Kay/contents/images/1080x1920.png']) {
      put(`plasma-workspace-wallpapers/usr/share/wallpapers/${f}`);
    }
    expect(sourceFiles(debs, source('plasma-workspace-wallpapers')).map((f) => f.split('/usr/share/wallpapers/')[1])).toEqual(['Kay/contents/images/1080x1920.png', 'Path/contents/images/1280x1024.jpg']);
  });

  it('say what to run when a package is missing', () => {
    expect(() => sourceFiles(debs, source('ukui-wallpapers'))).toThrow(/ukui-wallpapers.*not found: run sh datasets\/non-head-photos\/fetch.sh/);
  });
});
