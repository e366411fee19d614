// Experiment (#4, not part of the fit, not taken): does the scalp showing through the hair separate the
// Norwood levels, above all 2 from 3 (held out, 3 of 4 level-3 people are graded 2 with p(3) 0.09-0.22)?
// The masks are binary-coarse: thin hair over visible scalp is all "hair" (L3-033's top view), so the
// grade sees no diffuse thinning. Per photo, from its pixels (640 px) and its cached working-grid masks:
// the skin and hair colours (CIELAB medians of pixels with p > 0.8), then the share of the hair pixels
// closer to the skin colour than to the hair colour ("closer"), brighter than half-way from hair to skin
// L* ("brighter"), and "closer" within the central half of the head's box ("centre": a top view's
// mid-scalp and crown). Per train person and view (skin-to-hair separation > 15 ΔE, > 2000 hair px):
//   npm run build && SEGMENTER=scalp-seg node dist/datasets/norwood/cache-masks.js
//   node training/norwood/try_show_through.mjs [segmenter id] && /usr/bin/python3 training/norwood/try_show_through.py
// (about 5 min on 2 cores.) Measured 2026-11-24 (78 train people, ~10 per level and view), AUC of level 2 against 3:
//   closer   top 0.63  front 0.64  back 0.68  left 0.78  right 0.52
//   brighter top 0.53  front 0.49  back 0.66  left 0.73  right 0.43
//   centre   top 0.53  front 0.62  back 0.44  left 0.28  right 0.31
// Spearman with the level at most 0.27 (centre, top view). Shine on dark hair and shadow between
// strands are as "skin-like" as scalp, and the light differs more between people than the thinning: no
// view separates 2 from 3 consistently (left 0.78 against right 0.52 is the noise of ~10 people a level),
// so it was not added to the stacker.
import { readLabelledPhotos } from '../../dist/datasets/norwood/photos.js';
import { maskCachePath, readCachedSeg } from '../../dist/datasets/norwood/mask-cache.js';
import { readRgbImage } from '../../dist/src/models/scalp-seg/read-image.js';
import { srgb8ToLab } from '../../dist/src/vision/colour/convert.js';
import { writeFileSync } from 'node:fs';
const SEG = process.argv[2] ?? 'scalp-seg-00ba44b12ac8'; // the segmenter id of the masks cache (node dist/datasets/norwood/segmenter-id.js)
const med = (a) => { const s = Float64Array.from(a).sort(); return s.length ? s[s.length >> 1] : NaN; };
const photos = readLabelledPhotos();
const out = [];
let n = 0;
for (const p of photos) {
  const seg = readCachedSeg(maskCachePath(SEG, p.file));
  if (!seg) continue;
  const img = await readRgbImage(p.path);
  const W = img.width, H = img.height, mw = seg.width, mh = seg.height, N = mw * mh;
  const skin = [[], [], []], hair = [[], [], []];
  const hairPix = [], centrePix = [];
  // the head's box (hair or skin at 0.5) on the mask grid: its central half is the mid-scalp and crown of a top view
  let x0 = mw, x1 = -1, y0 = mh, y1 = -1;
  for (let j = 0; j < mh; j++) for (let i = 0; i < mw; i++) { const m = j * mw + i; if (seg.probs[N + m] + seg.probs[2 * N + m] > 0.5) { x0 = Math.min(x0, i); x1 = Math.max(x1, i); y0 = Math.min(y0, j); y1 = Math.max(y1, j); } }
  const cx = (x0 + x1 + 1) / 2 * W / mw, cy = (y0 + y1 + 1) / 2 * H / mh, rx = Math.max(1, (x1 - x0 + 1) / 4 * W / mw), ry = Math.max(1, (y1 - y0 + 1) / 4 * H / mh);
  for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) {
    const i = y * W + x; const m = Math.min(mh - 1, Math.floor(y * mh / H)) * mw + Math.min(mw - 1, Math.floor(x * mw / W));
    const L = srgb8ToLab(img.data[3 * i], img.data[3 * i + 1], img.data[3 * i + 2]);
    const ps = seg.probs[N + m], ph = seg.probs[2 * N + m];
    if (ps > 0.8) for (let k = 0; k < 3; k++) skin[k].push(L[k]);
    if (ph > 0.8) { for (let k = 0; k < 3; k++) hair[k].push(L[k]); hairPix.push(L); if (((x - cx) / rx) ** 2 + ((y - cy) / ry) ** 2 <= 1) centrePix.push(L); }
    else if (ph > 0.5 && ((x - cx) / rx) ** 2 + ((y - cy) / ry) ** 2 <= 1) centrePix.push(L);
  }
  const s = skin.map(med), h = hair.map(med);
  const sep = Math.hypot(s[0] - h[0], s[1] - h[1], s[2] - h[2]);
  const nearerSkin = (L) => Math.hypot(L[0] - s[0], L[1] - s[1], L[2] - s[2]) < Math.hypot(L[0] - h[0], L[1] - h[1], L[2] - h[2]);
  let closer = 0, brighter = 0;
  const mid = h[0] + 0.5 * (s[0] - h[0]);
  for (const L of hairPix) {
    if (nearerSkin(L)) closer++;
    if ((s[0] > h[0]) ? L[0] > mid : L[0] < mid) brighter++;
  }
  const nh = Math.max(1, hairPix.length);
  let cc = 0;
  for (const L of centrePix) if (nearerSkin(L)) cc++;
  out.push({ subject: p.subject, level: p.level, view: p.view, file: p.file, sep, closer: closer / nh, centre: centrePix.length > 500 ? cc / centrePix.length : null, brighter: brighter / nh, hairPx: hairPix.length, skinPx: skin[0].length, skinL: s[0], hairL: h[0] });
  if (++n % 50 === 0) console.error(n);
}
writeFileSync('datasets/cache/norwood/show-through.json', JSON.stringify(out));
