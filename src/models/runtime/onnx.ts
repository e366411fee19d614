// The one place that owns onnxruntime-node session options. Every model goes through here so the
// thread budget (workers x intra-op threads <= cores) is set in one spot.
import * as ort from 'onnxruntime-node';

export interface OnnxRuntimeOptions {
  /** Threads one run() may use. The worker pool sets this so workers x threads <= cores. */
  intraOpThreads?: number;
}

export interface TensorOut {
  data: Float32Array;
  dims: readonly number[];
}

export class OnnxModel {
  private constructor(
    private readonly session: ort.InferenceSession,
    readonly inputName: string,
    readonly outputNames: readonly string[],
  ) {}

  static async load(source: string | Uint8Array, opts: OnnxRuntimeOptions = {}): Promise<OnnxModel> {
    const threads = opts.intraOpThreads ?? defaultIntraOpThreads();
    if (!Number.isInteger(threads) || threads < 1) {
      throw new RangeError(`intraOpThreads must be a positive integer, got ${threads}`);
    }
    const sessionOptions: ort.InferenceSession.SessionOptions = {
      executionProviders: ['cpu'],
      graphOptimizationLevel: 'all',
      executionMode: 'sequential',
      intraOpNumThreads: threads,
      interOpNumThreads: 1,
    };
    const session =
      typeof source === 'string'
        ? await ort.InferenceSession.create(source, sessionOptions)
        : await ort.InferenceSession.create(source, sessionOptions);
    if (session.inputNames.length !== 1) {
      throw new Error(`expected a model with one input, got ${session.inputNames.length}`);
    }
    return new OnnxModel(session, session.inputNames[0], session.outputNames);
  }

  /** Runs the model on one float32 NCHW tensor; returns the first output (or the named one). */
  async run(input: Float32Array, dims: readonly number[], outputName?: string): Promise<TensorOut> {
    const expected = dims.reduce((a, b) => a * b, 1);
    if (input.length !== expected) {
      throw new RangeError(`input has ${input.length} values but dims ${dims.join('x')} need ${expected}`);
    }
    const feeds = { [this.inputName]: new ort.Tensor('float32', input, dims as number[]) };
    const name = outputName ?? this.outputNames[0];
    const result = await this.session.run(feeds, [name]);
    const out = result[name];
    if (!out || out.type !== 'float32') throw new Error(`model output ${name} is missing or not float32`);
    return { data: out.data as Float32Array, dims: out.dims };
  }

  async release(): Promise<void> {
    await this.session.release();
  }
}

export function defaultIntraOpThreads(): number {
  const fromEnv = Number(process.env.SMP_INFERENCE_THREADS);
  return Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : 1;
}
