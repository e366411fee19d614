import type { Command } from 'commander';
import { randomUUID } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { analyzeConsultation } from '../../pipeline/consultation.js';
import { ScaleReferenceSchema, type ScaleReference } from '../../plan/scale/card.js';
import { pipelineConfig } from '../../pipeline/config.js';
import { WorkerPool } from '../../pipeline/pool.js';
import { ConsultationMetaSchema } from '../../api/schemas/consultation.js';
import { MAX_PHOTOS } from '../../api/multipart.js';
import { linkName, presentAnalysis } from '../../api/present.js';
import { parseViewArgs } from '../view-args.js';
import { fsErrorText } from '../fs-error-text.js';
import { readInputFile } from '../read-input.js';
import { parseClientRef } from '../client-ref.js';

export function register(program: Command): void {
  program
    .command('analyze')
    .description('analyse one consultation: <view>=<path> ... (views: front, top, left, right, back, closeup, auto)')
    .argument('<photos...>', '<view>=<path> pairs')
    .option('--json', 'print the analysis as JSON (the same JSON the API returns)')
    .option('--out <dir>', 'also write overlays, masks, plan.svg, preview.png and report.pdf into <dir>')
    .option('--sex <sex>', 'male | female | other')
    .option('--age <years>', 'age in years')
    .option('--hair-colour <text>', 'hair colour as the client describes it')
    .option('--goals <text>', 'what the client wants, in their words (a shaved look, density under the hair, a scar covered)')
    .option('--notes <text>', 'free-text notes, printed on the report')
    .option('--client-ref <ref>', "the clinic's own reference for the client, checked as the API's clientRef: shown in the JSON and on the report")
    .option('--scars <json>', 'scars the client knows of: JSON [{"kind": "linear"|"punctate"|"irregular", "ageMonths"?: n, "raised"?: bool}]')
    .option('--chart-pitch-mm <mm>', 'patch pitch of the 24-patch colour chart in the photos (sets the scale where it is found)')
    .action(async (args: string[], opts: { json?: boolean; out?: string; sex?: string; age?: string; hairColour?: string; goals?: string; notes?: string; clientRef?: string; scars?: string; chartPitchMm?: string }) => {
      const pairs = parseViewArgs(args);
      if (pairs.length > MAX_PHOTOS) throw new Error(`a consultation takes at most ${MAX_PHOTOS} photos, got ${pairs.length}`);
      const clientRef = opts.clientRef === undefined ? undefined : parseClientRef(opts.clientRef);
      const metaParse = ConsultationMetaSchema.safeParse({ sex: opts.sex, age: opts.age, hairColour: opts.hairColour, goals: opts.goals, notes: opts.notes, scars: opts.scars, clientRef });
      if (!metaParse.success) throw new Error(metaParse.error.issues.map((i) => `--${kebab(i.path.join('.'))}: ${i.message}`).join('; '));
      let scaleReference: ScaleReference | undefined;
      if (opts.chartPitchMm !== undefined) {
        const reference = ScaleReferenceSchema.safeParse({ chartPitchMm: Number(opts.chartPitchMm) });
        if (!reference.success) throw new Error(`--chart-pitch-mm: ${reference.error.issues.map((i) => i.message).join('; ')}`);
        scaleReference = reference.data;
      }
      const photos = await Promise.all(
        pairs.map(async (p) => {
          try {
            return { view: p.view, bytes: new Uint8Array(await readInputFile(p.path)), filename: p.path };
          } catch (err) {
            throw new Error(`cannot read ${p.path}: ${(err as Error).message}`);
          }
        }),
      );
      // The output folder is made before the analysis (a path that is a file, or not writable, failed only
      // after minutes of work, and the JSON was lost), and removed again if the analysis fails.
      const dir = opts.out === undefined ? undefined : resolve(opts.out);
      let made: string | undefined;
      if (dir) {
        try {
          made = await mkdir(dir, { recursive: true });
        } catch (err) {
          throw new Error(`--out ${dir}: cannot make the folder: ${fsErrorText(err)}`);
        }
      }
      const pool = new WorkerPool(pipelineConfig({ queueMax: MAX_PHOTOS }));
      try {
        const id = randomUUID();
        const { analysis, files } = await analyzeConsultation(photos, metaParse.data, pool, { id, scaleReference }).catch(async (err: unknown) => {
          if (made) await rm(made, { recursive: true, force: true });
          throw err;
        });
        const fileUrls: Record<string, string> = {};
        if (dir) {
          for (const f of files) {
            await writeFile(join(dir, f.name), f.bytes);
            fileUrls[f.name] = join(dir, f.name);
          }
          // DESIGN §3 names the planned photo's preview preview.png (the service files it per photo)
          const preview = files.find((f) => /^preview-\d+\.png$/.test(f.name));
          if (preview) {
            await writeFile(join(dir, 'preview.png'), preview.bytes);
            fileUrls['preview.png'] = join(dir, 'preview.png');
          }
        }
        // with the display decisions the API adds (photos[i].uprightTurn, skinTone.monkShown, ...)
        const shown = presentAnalysis(analysis);
        const photosOut = shown.photos.map((p) => ({
          ...p,
          urls: Object.fromEntries(
            Object.entries(fileUrls)
              .filter(([name]) => new RegExp(`^(photo|overlay|mask)-${p.index}(\\.|-)`).test(name))
              .map(([name, path]) => [name.replace(/^mask-\d+-/, 'mask_').replace(/-\d+\.[a-z]+$/, '').replace(/\.[a-z]+$/, ''), path]),
          ),
        }));
        // The API's fields (DESIGN §3: the same JSON the API returns), with paths under --out where the
        // API gives URLs (none without --out: nothing was written).
        const links = Object.fromEntries(Object.entries(fileUrls).filter(([name]) => !/^(photo|overlay|mask)-/.test(name)).map(([name, path]) => [linkName(name), path]));
        const at = new Date().toISOString();
        // as the API answers: clientRef beside the record and in its input
        const out = { id, status: 'completed', createdAt: at, updatedAt: at, clientRef: metaParse.data.clientRef ?? null, input: { views: photos.map((p) => p.view), ...metaParse.data }, error: null, ...shown, photos: photosOut, links };
        if (opts.json || !opts.out) console.log(JSON.stringify(out, null, 2));
        else console.log(`wrote ${Object.keys(fileUrls).length} files to ${dir}`);
      } finally {
        await pool.close();
      }
    });
}

/** The CLI option a meta field comes from: hairColour -> hair-colour. */
function kebab(field: string): string {
  return field.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}
