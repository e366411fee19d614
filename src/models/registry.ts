// Model registry: every shipped model lives in models/<name>/ with model.onnx and card.json (what it
// was trained on, its metrics, its input contract, its sha256). This reads and checks the common part
// of a card; each model parses its own input/output contract from `card.raw`.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import { modelDir } from './paths.js';

const CardBase = z.object({
  name: z.string().min(1),
  version: z.string().min(1),
  file: z.string().min(1),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  bytes: z.number().int().positive(),
});

export type CardBase = z.infer<typeof CardBase>;

export interface ModelCard extends CardBase {
  /** Folder the card was read from. */
  dir: string;
  /** Absolute path of the weights file. */
  path: string;
  /** The whole parsed card.json, for model-specific fields. */
  raw: Record<string, unknown>;
}

/** Reads models/<name>/card.json (or <dir>/card.json when given a folder). */
export function readModelCard(nameOrDir: string): ModelCard {
  const dir = nameOrDir.includes('/') ? resolve(nameOrDir) : modelDir(nameOrDir);
  const cardPath = resolve(dir, 'card.json');
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(cardPath, 'utf8'));
  } catch (err) {
    throw new Error(`cannot read model card ${cardPath}: ${err instanceof Error ? err.message : String(err)}`);
  }
  const parsed = CardBase.safeParse(json);
  if (!parsed.success) throw new Error(`invalid model card ${cardPath}: ${z.prettifyError(parsed.error)}`);
  return { ...parsed.data, dir, path: resolve(dir, parsed.data.file), raw: json as Record<string, unknown> };
}

/** Reads the weights a card names and checks their size and sha256 against it. */
export function readVerifiedWeights(card: ModelCard): Uint8Array {
  const bytes = readFileSync(card.path);
  if (bytes.length !== card.bytes) {
    throw new Error(`${card.path} is ${bytes.length} bytes but its card says ${card.bytes}: card and weights do not match`);
  }
  const sha = createHash('sha256').update(bytes).digest('hex');
  if (sha !== card.sha256) throw new Error(`${card.path} has sha256 ${sha} but its card says ${card.sha256}`);
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length);
}
