// Experiment (not part of the fit, not a dependency of the service): the ImageNet MobileNetV2 1.4
// feature vector (TF-Hub, as bundled uint8-quantised in the nsfwjs npm package, MIT) of every labelled
// photo, for try_embedding.py. Written like the runtime's own embedding: the photo EXIF-rotated,
// stretched to 224 x 224, its 4 counter-clockwise quarter-turns in one batch -> float32 [4, 1792] in
// datasets/cache/norwood/ext-mobilenet_v2_mid/<photo key>.f32. About 0.3 s a photo per process.
// Set-up, in a scratch folder outside the project's dependencies:
//   npm run build
//   mkdir -p tmp/tfx && (cd tmp/tfx && npm init -y && npm i @tensorflow/tfjs@4.22.0 @tensorflow/tfjs-backend-wasm@4.22.0 sharp && npm pack nsfwjs@4.4.0 && tar xzf nsfwjs-4.4.0.tgz)
//   for p in 0 1; do NODE_PATH=tmp/tfx/node_modules node training/norwood/try_imagenet_embedding.cjs tmp/tfx/package $p 2 & done; wait
const fs = require('fs');
const path = require('path');
const tf = require('@tensorflow/tfjs');
require('@tensorflow/tfjs-backend-wasm');
const sharp = require('sharp');

const MODEL = 'mobilenet_v2_mid';
const FEATURES = 'StatefulPartitionedCall/sequential/keras_layer/StatefulPartitionedCall/StatefulPartitionedCall/StatefulPartitionedCall/predict/feature_vector/SpatialSqueeze';
const ROOT = path.resolve(__dirname, '..', '..');
const OUT = path.join(ROOT, 'datasets', 'cache', 'norwood', `ext-${MODEL}`);

const [pkg, part = '0', parts = '1'] = process.argv.slice(2);
if (!pkg) throw new Error('usage: node try_imagenet_embedding.cjs <unpacked nsfwjs package dir> [part] [parts]');

// The package ships the model.json and weight shards as JS modules (JSON / base64).
function ioHandler(dir) {
  const spec = require(path.resolve(dir, 'model.min.js'));
  return {
    load: async () => {
      const data = Buffer.concat(spec.weightsManifest[0].paths.map((p) => Buffer.from(require(path.resolve(dir, `${p}.min.js`)), 'base64')));
      return { modelTopology: spec.modelTopology, format: spec.format, weightSpecs: spec.weightsManifest[0].weights, weightData: data.buffer.slice(data.byteOffset, data.byteOffset + data.length) };
    },
  };
}

(async () => {
  await tf.setBackend('wasm');
  const model = await tf.loadGraphModel(ioHandler(path.join(pkg, 'dist', 'models', MODEL)));
  fs.mkdirSync(OUT, { recursive: true });
  // the project's own reader and cache key (npm run build first), so the names match the embeddings cache
  const { readLabelledPhotos, photoKey } = await import(path.join(ROOT, 'dist', 'datasets', 'norwood', 'photos.js'));
  const files = readLabelledPhotos().map((p) => p.path);
  for (let i = Number(part); i < files.length; i += Number(parts)) {
    const out = path.join(OUT, photoKey(files[i]) + '.f32');
    if (fs.existsSync(out)) continue;
    const rgb = await sharp(files[i]).rotate().removeAlpha().resize(224, 224, { fit: 'fill' }).raw().toBuffer();
    const y = tf.tidy(() => {
      const x = tf.tensor3d(new Uint8Array(rgb), [224, 224, 3]).toFloat().div(255); // the hub model wants 0..1
      const t = tf.transpose(x, [1, 0, 2]);
      return model.execute(tf.stack([x, tf.reverse(t, 0), tf.reverse(x, [0, 1]), tf.reverse(t, 1)]), FEATURES);
    });
    fs.writeFileSync(out, Buffer.from((await y.data()).buffer));
    y.dispose();
  }
})();
