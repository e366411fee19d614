// The head region of a photo's masks: the largest connected blob of non-background pixels, with
// enclosed holes filled (shiny scalp read as background must not punch holes in the head), and its outline.

/** Label connected components (4-connectivity) of a binary mask; returns labels (0 = off) and sizes. */
export function connectedComponents(mask: Uint8Array, width: number, height: number): { labels: Int32Array; sizes: number[] } {
  if (mask.length !== width * height) throw new RangeError(`mask has ${mask.length} values, expected ${width * height}`);
  const labels = new Int32Array(mask.length);
  const sizes = [0];
  const stack = new Int32Array(mask.length);
  for (let start = 0; start < mask.length; start++) {
    if (!mask[start] || labels[start]) continue;
    const id = sizes.length;
    let top = 0;
    let size = 0;
    stack[top++] = start;
    labels[start] = id;
    while (top > 0) {
      const i = stack[--top];
      size++;
      const x = i % width;
      const y = (i - x) / width;
      if (x > 0 && mask[i - 1] && !labels[i - 1]) { labels[i - 1] = id; stack[top++] = i - 1; } // prettier-ignore
      if (x < width - 1 && mask[i + 1] && !labels[i + 1]) { labels[i + 1] = id; stack[top++] = i + 1; } // prettier-ignore
      if (y > 0 && mask[i - width] && !labels[i - width]) { labels[i - width] = id; stack[top++] = i - width; } // prettier-ignore
      if (y < height - 1 && mask[i + width] && !labels[i + width]) { labels[i + width] = id; stack[top++] = i + width; } // prettier-ignore
    }
    sizes.push(size);
  }
  return { labels, sizes };
}

/** The largest connected component (4-connectivity) of a binary mask, and its size (0: the mask is empty). */
export function largestComponent(mask: Uint8Array, width: number, height: number): { mask: Uint8Array; size: number } {
  const { labels, sizes } = connectedComponents(mask, width, height);
  let best = 0;
  for (let id = 1; id < sizes.length; id++) if (sizes[id] > sizes[best]) best = id;
  const one = new Uint8Array(mask.length);
  if (best > 0) for (let i = 0; i < one.length; i++) one[i] = labels[i] === best ? 1 : 0;
  return { mask: one, size: sizes[best] };
}

/**
 * The off-regions of a mask: their labels (connectedComponents of the complement; 0 = on) and which of
 * them are enclosed, i.e. do not touch the border.
 */
export function enclosedHoles(mask: Uint8Array, width: number, height: number): { labels: Int32Array; enclosed: Uint8Array } {
  const inv = new Uint8Array(mask.length);
  for (let i = 0; i < mask.length; i++) inv[i] = mask[i] ? 0 : 1;
  const { labels, sizes } = connectedComponents(inv, width, height);
  const atBorder = borderLabels(labels, sizes.length, width, height);
  const enclosed = new Uint8Array(sizes.length);
  for (let k = 1; k < sizes.length; k++) enclosed[k] = atBorder[k] ? 0 : 1;
  return { labels, enclosed };
}

/** 1 for each label (0..count-1) of a labelling that touches the image's border. */
export function borderLabels(labels: Int32Array, count: number, width: number, height: number): Uint8Array {
  const at = new Uint8Array(count);
  for (let x = 0; x < width; x++) {
    at[labels[x]] = 1;
    at[labels[(height - 1) * width + x]] = 1;
  }
  for (let y = 0; y < height; y++) {
    at[labels[y * width]] = 1;
    at[labels[y * width + width - 1]] = 1;
  }
  return at;
}

/** Off-regions of the mask that do not touch the border become on. */
export function fillHoles(mask: Uint8Array, width: number, height: number): Uint8Array {
  const { labels, enclosed } = enclosedHoles(mask, width, height);
  const out = mask.slice();
  for (let i = 0; i < out.length; i++) if (enclosed[labels[i]]) out[i] = 1;
  return out;
}

/** One 3x3 erosion (keepIfAll) or dilation pass; the frame edge counts as the nearest pixel. */
function morphPass(src: Uint8Array, width: number, height: number, keepIfAll: boolean): Uint8Array {
  {
    const out = new Uint8Array(src.length);
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        let all = true;
        let any = false;
        for (let dy = -1; dy <= 1; dy++) {
          const yy = Math.min(height - 1, Math.max(0, y + dy));
          for (let dx = -1; dx <= 1; dx++) {
            const xx = Math.min(width - 1, Math.max(0, x + dx));
            if (src[yy * width + xx]) any = true;
            else all = false;
          }
        }
        out[y * width + x] = (keepIfAll ? all : any) ? 1 : 0;
      }
    }
    return out;
  }
}

/** 3x3 erosion then dilation (opening): removes specks and one-pixel bridges. */
export function openMask(mask: Uint8Array, width: number, height: number): Uint8Array {
  return morphPass(morphPass(mask, width, height, true), width, height, false);
}

/** r dilations then r erosions (closing): fills bays and gaps narrower than about 2r pixels. */
export function closeMask(mask: Uint8Array, width: number, height: number, r: number): Uint8Array {
  // zero-padded by r + 1 so the frame edge neither grows nor shrinks the region
  const p = r + 1;
  const W = width + 2 * p;
  const H = height + 2 * p;
  let m: Uint8Array = new Uint8Array(W * H);
  for (let y = 0; y < height; y++) m.set(mask.subarray(y * width, (y + 1) * width), (y + p) * W + p);
  for (let i = 0; i < r; i++) m = morphPass(m, W, H, false);
  for (let i = 0; i < r; i++) m = morphPass(m, W, H, true);
  const out = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) out.set(m.subarray((y + p) * W + p, (y + p) * W + p + width), y * width);
  return out;
}

/** Closing radius in working-grid pixels (~3 % of a 128 px frame). */
const CLOSE_RADIUS = 4;

export interface HeadRegion {
  mask: Uint8Array;
  area: number;
  /** bounding box in pixels: x0, y0 inclusive; x1, y1 exclusive */
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  /** fraction of the photo border (all four sides) covered by the head */
  borderFraction: number;
  /** which sides the head touches over >= 10 % of that side: top, right, bottom, left */
  sidesTouched: number;
}

/** Foreground (any of skin, hair, scar more likely than background), largest blob, holes filled. */
export function headRegion(bg: Float32Array, width: number, height: number): HeadRegion {
  const fg = new Uint8Array(bg.length);
  for (let i = 0; i < bg.length; i++) fg[i] = bg[i] < 0.5 ? 1 : 0;
  const { mask: one, size } = largestComponent(openMask(fg, width, height), width, height);
  // close narrow bays (shiny or sparse scalp read as background) before filling enclosed holes
  const mask = size > 0 ? fillHoles(closeMask(one, width, height, CLOSE_RADIUS), width, height) : one;
  let area = 0;
  let x0 = width;
  let y0 = height;
  let x1 = 0;
  let y1 = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (!mask[y * width + x]) continue;
      area++;
      if (x < x0) x0 = x;
      if (y < y0) y0 = y;
      if (x + 1 > x1) x1 = x + 1;
      if (y + 1 > y1) y1 = y + 1;
    }
  }
  if (area === 0) return { mask, area, x0: 0, y0: 0, x1: 0, y1: 0, borderFraction: 0, sidesTouched: 0 };
  const side = (n: number, at: (t: number) => number): number => {
    let s = 0;
    for (let t = 0; t < n; t++) s += mask[at(t)];
    return s;
  };
  const top = side(width, (t) => t);
  const bottom = side(width, (t) => (height - 1) * width + t);
  const left = side(height, (t) => t * width);
  const right = side(height, (t) => t * width + width - 1);
  const sidesTouched = [top / width, right / height, bottom / width, left / height].filter((f) => f >= 0.1).length;
  return { mask, area, x0, y0, x1, y1, borderFraction: (top + bottom + left + right) / (2 * (width + height)), sidesTouched };
}

/**
 * Outline of a binary region as a closed polygon of pixel-corner points (Moore-neighbour tracing of the
 * outer boundary, then thinned to at most maxPoints), in the mask's pixel coordinates.
 */
export function traceOutline(mask: Uint8Array, width: number, height: number, maxPoints = 64): [number, number][] {
  let start = -1;
  for (let i = 0; i < mask.length; i++) if (mask[i]) { start = i; break; } // prettier-ignore
  if (start < 0) return [];
  const on = (x: number, y: number): boolean => x >= 0 && y >= 0 && x < width && y < height && mask[y * width + x] === 1;
  // Moore neighbourhood, clockwise from west
  const dx = [-1, -1, 0, 1, 1, 1, 0, -1];
  const dy = [0, -1, -1, -1, 0, 1, 1, 1];
  const sx = start % width;
  const sy = (start - sx) / width;
  const pts: [number, number][] = [[sx, sy]];
  let cx = sx;
  let cy = sy;
  let dir = 0; // we entered the start pixel from the west (scan order)
  for (let steps = 0; steps < 4 * mask.length; steps++) {
    let found = false;
    for (let t = 0; t < 8; t++) {
      const d = (dir + t) % 8;
      const nx = cx + dx[d];
      const ny = cy + dy[d];
      if (on(nx, ny)) {
        cx = nx;
        cy = ny;
        dir = (d + 6) % 8; // back-track: start the next search from the neighbour before this one
        found = true;
        break;
      }
    }
    if (!found || (cx === sx && cy === sy)) break;
    pts.push([cx, cy]);
  }
  const stride = Math.max(1, Math.ceil(pts.length / maxPoints));
  const thin = pts.filter((_, i) => i % stride === 0);
  return thin.map(([x, y]) => [x + 0.5, y + 0.5]);
}
