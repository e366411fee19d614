// The scalp-seg input/output contract, read from card.json so the runtime never hard-codes what
// training decided (transformers.js style: per-model settings live next to the weights).
import { z } from 'zod';
import { SEG_CLASSES } from '../../vision/image.js';
import type { ModelCard } from '../registry.js';

const Triple = z.tuple([z.number(), z.number(), z.number()]);

const Contract = z.object({
  classes: z.array(z.string()),
  input: z.object({
    name: z.string(),
    layout: z.literal('NCHW'),
    colour: z.literal('RGB'),
    size: z.number().int().min(8).max(2048),
    scale: z.literal('0..1'),
    mean: Triple,
    std: Triple.refine((s) => s.every((v) => v > 0), 'std must be positive'),
  }),
  output: z.object({
    name: z.string(),
    layout: z.literal('NCHW'),
    activation: z.literal('softmax'),
    /** Side of the square probability map; defaults to the input size (the PAN stops at 1/4, the PAN
     * with the detail path at 1/2: 160 for a 320 input). */
    size: z.number().int().min(1).max(2048).optional(),
    /** [1, classes, size, size] when given: must agree with `size`. */
    shape: z.array(z.number().int()).optional(),
  }),
});

export type ScalpSegContract = z.infer<typeof Contract>;

export function parseContract(card: ModelCard): ScalpSegContract {
  const parsed = Contract.safeParse(card.raw);
  if (!parsed.success) throw new Error(`card ${card.dir}/card.json: ${z.prettifyError(parsed.error)}`);
  const c = parsed.data;
  if (c.classes.length !== SEG_CLASSES.length || c.classes.some((name, i) => name !== SEG_CLASSES[i])) {
    throw new Error(`card ${card.dir}/card.json: classes must be ${SEG_CLASSES.join(',')} in that order, got ${c.classes.join(',')}`);
  }
  const side = outputSize(c);
  if (side > c.input.size) {
    throw new Error(`card ${card.dir}/card.json: output.size ${side} is larger than input.size ${c.input.size}`);
  }
  const want = [1, c.classes.length, side, side];
  if (c.output.shape && (c.output.shape.length !== 4 || c.output.shape.some((v, i) => v !== want[i]))) {
    throw new Error(`card ${card.dir}/card.json: output.shape [${c.output.shape.join(', ')}] disagrees with output.size (expected [${want.join(', ')}])`);
  }
  return c;
}

/** Side of the model's square probability output. */
export function outputSize(c: ScalpSegContract): number {
  return c.output.size ?? c.input.size;
}
