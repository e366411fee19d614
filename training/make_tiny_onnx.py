"""Writes a tiny ONNX model with the scalp-seg contract (input [1,3,16,16] float NCHW, ImageNet-normalised;
output 'probs' [1,4,16,16] softmax; also 1/4- and 1/2-side variants) and its card.json, for the unit tests that exercise the real
loading, pre- and post-processing code in CI without the shipped model. A 1x1 convolution maps
normalised colour to classes: red -> skin, green -> hair, blue -> scar, dark -> background.

  /usr/bin/python3 training/make_tiny_onnx.py   ->  test/unit/models/scalp-seg/fixtures/tiny/
"""
import hashlib
import json
import os

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, '..', 'test', 'unit', 'models', 'scalp-seg', 'fixtures', 'tiny')
SIZE = 16
MEAN = [0.485, 0.456, 0.406]
STD = [0.229, 0.224, 0.225]


def main():
    write(OUT, 1)
    write(OUT + '-quarter', 4)
    write(OUT + '-half', 2)


SUFFIX = {1: '', 4: '-quarter', 2: '-half'}


def write(out, factor):
    """factor > 1: average-pool factor x factor before the soft-max, so the output is 1/factor of the
    input side (the PAN's is 1/4, the PAN with the detail path 1/2)."""
    quarter = factor > 1
    os.makedirs(out, exist_ok=True)
    w = np.zeros((4, 3, 1, 1), np.float32)
    w[1, 0], w[2, 1], w[3, 2] = 4.0, 4.0, 4.0
    b = np.array([0.0, 0.0, 0.0, 0.0], np.float32)
    side = SIZE // factor
    nodes = [helper.make_node('Conv', ['input', 'w', 'b'], ['logits'])]
    if quarter:
        nodes.append(helper.make_node('AveragePool', ['logits'], ['pooled'], kernel_shape=[factor, factor], strides=[factor, factor]))
    nodes.append(helper.make_node('Softmax', ['pooled' if quarter else 'logits'], ['probs'], axis=1))
    graph = helper.make_graph(
        nodes,
        'tiny-scalp-seg',
        [helper.make_tensor_value_info('input', TensorProto.FLOAT, [1, 3, SIZE, SIZE])],
        [helper.make_tensor_value_info('probs', TensorProto.FLOAT, [1, 4, side, side])],
        [numpy_helper.from_array(w, 'w'), numpy_helper.from_array(b, 'b')])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid('', 13)], producer_name='make_tiny_onnx.py')
    model.ir_version = 7
    onnx.checker.check_model(model)
    path = os.path.join(out, 'model.onnx')
    data = model.SerializeToString()
    with open(path, 'wb') as f:
        f.write(data)
    card = {
        'name': 'scalp-seg-tiny' + SUFFIX[factor], 'version': 'test-1', 'file': 'model.onnx',
        'sha256': hashlib.sha256(data).hexdigest(), 'bytes': len(data),
        'purpose': 'unit-test fixture only: a 1x1 conv from colour to class, not a trained model',
        'classes': ['background', 'skin', 'hair', 'scar'],
        'input': {'name': 'input', 'layout': 'NCHW', 'colour': 'RGB', 'size': SIZE, 'scale': '0..1', 'mean': MEAN, 'std': STD},
        'output': {'name': 'probs', 'layout': 'NCHW', 'activation': 'softmax', **({'size': side} if quarter else {})},
        'reproduce': '/usr/bin/python3 training/make_tiny_onnx.py',
    }
    with open(os.path.join(out, 'card.json'), 'w') as f:
        json.dump(card, f, indent=1)
        f.write('\n')
    print(f'wrote {path} ({len(data)} bytes)')


if __name__ == '__main__':
    main()
