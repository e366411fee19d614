// Stage 3 of the Norwood fit: the geometry of every labelled photo (given view and auto view) with a
// given parameter file, as JSON lines for training/norwood/fit_grader.py.
//   node dist/datasets/norwood/dump-zones.js <segmenter id> <params.json> <out.jsonl>
import { createWriteStream, readFileSync } from 'node:fs';
import { analyzeGeometry } from '../../src/vision/geometry/analyze.js';
import { parseGeometryParams } from '../../src/vision/geometry/params.js';
import { featureModelId, featureSettings, readCachedFeatures } from './cache-features.js';
import { maskCachePath, readCachedSeg } from './mask-cache.js';
import { photoKey, readLabelledPhotos } from './photos.js';

export async function dumpZones(segId: string, paramsPath: string, out: string): Promise<void> {
  const params = parseGeometryParams((JSON.parse(readFileSync(paramsPath, 'utf8')) as { geometry: unknown }).geometry, paramsPath);
  const fid = featureModelId();
  const fs = featureSettings();
  const ws = createWriteStream(out);
  for (const ph of readLabelledPhotos()) {
    const seg = readCachedSeg(maskCachePath(segId, ph.file));
    if (!seg) throw new Error(`no cached mask for ${ph.file}`);
    const features = readCachedFeatures(fid, ph.file, fs.dim, fs.levelDim) ?? undefined;
    if (!features) throw new Error(`no cached features for ${ph.file}`);
    const given = analyzeGeometry(seg, ph.view, { features, params });
    const auto = analyzeGeometry(seg, 'auto', { features, params });
    const strip = (g: typeof given): Record<string, unknown> => ({ ...g, scalpRegion: undefined, head: { ...g.head, outline: undefined }, zones: Object.fromEntries(Object.entries(g.zones).map(([k, z]) => [k, { ...z, polygon: undefined }])) });
    ws.write(
      JSON.stringify({
        file: ph.file,
        key: photoKey(ph.file),
        subject: ph.subject,
        level: ph.level,
        view: ph.view,
        rotated: ph.possiblyRotated,
        given: strip(given),
        auto: { view: auto.view, viewConfidence: auto.viewConfidence, orientation: auto.orientation, viewProbabilities: auto.viewProbabilities },
      }) + '\n',
    );
  }
  await new Promise<void>((res, rej) => ws.end((e?: Error | null) => (e ? rej(e) : res())));
  console.log(`wrote ${out}`);
}

if (process.argv[1]?.endsWith('dump-zones.js')) {
  const [segId, paramsPath, out] = process.argv.slice(2);
  if (!segId || !paramsPath || !out) throw new Error('usage: dump-zones.js <segmenter id> <params.json> <out.jsonl>');
  await dumpZones(segId, paramsPath, out);
}
