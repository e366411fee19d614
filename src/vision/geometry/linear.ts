// A fitted linear scorer as stored in JSON: standardise (x - mean) / scale, then one row of weights per
// class. Fitted in Python (training/norwood/fit.py), applied here.

export interface LinearModel {
  classes: string[];
  mean: number[];
  scale: number[];
  weights: number[][];
  bias: number[];
}

export function checkLinear(m: LinearModel, name: string): void {
  const d = m.mean.length;
  if (m.scale.length !== d) throw new Error(`${name}: scale has ${m.scale.length} entries, mean ${d}`);
  if (m.weights.length !== m.classes.length || m.bias.length !== m.classes.length) {
    throw new Error(`${name}: expected ${m.classes.length} weight rows and biases`);
  }
  for (const row of m.weights) if (row.length !== d) throw new Error(`${name}: a weight row has ${row.length} entries, expected ${d}`);
}

export function linearScores(m: LinearModel, x: ArrayLike<number>): number[] {
  if (x.length !== m.mean.length) throw new RangeError(`linear model expects ${m.mean.length} features, got ${x.length}`);
  return m.weights.map((row, c) => {
    let s = m.bias[c];
    for (let i = 0; i < row.length; i++) s += row[i] * ((x[i] - m.mean[i]) / m.scale[i]);
    return s;
  });
}

export function softmax(scores: number[]): number[] {
  const max = Math.max(...scores);
  const e = scores.map((s) => Math.exp(s - max));
  const z = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / z);
}

export function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}
