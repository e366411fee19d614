"""Checks that the encoder in scalp_seg_model.py, loaded from the teacher ONNX, computes what the
teacher's own encoder computes. Python has no onnxruntime here, so this writes (1) a copy of the
teacher graph that also outputs its encoder top (tensor feeding the decoder), (2) a fixed input and
(3) the torch activations to /tmp/verify-encoder/, then runs training/verify_encoder.mjs (Node +
onnxruntime-node) to compare.   /usr/bin/python3 training/verify_encoder.py
"""
import os
import subprocess
import sys

import numpy as np
import onnx
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import scalp_seg_model as M  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
TEACHER = os.path.join(HERE, '..', '..', 'shared', 'models', 'pan-skin-clothes-hair', 'model.onnx')
OUT = '/tmp/verify-encoder'


def main():
    os.makedirs(OUT, exist_ok=True)
    m = onnx.load(TEACHER)
    top = M._head_output(m)
    # the hard-swish after the head conv: Add -> Clip -> Div -> Mul(x, .) ; find the Mul consuming `top`
    mul = [n for n in m.graph.node if n.op_type == 'Mul' and top in n.input][0].output[0]
    m.graph.output.append(onnx.helper.make_tensor_value_info(mul, onnx.TensorProto.FLOAT, None))
    onnx.save(m, os.path.join(OUT, 'teacher-with-top.onnx'))
    rng = np.random.default_rng(0)
    x = rng.standard_normal((1, 3, 512, 512)).astype(np.float32)
    x.tofile(os.path.join(OUT, 'input.f32'))
    enc = M.load_teacher_encoder(M.Encoder(dilated=True), TEACHER).eval()
    with torch.no_grad():
        ref = enc(torch.from_numpy(x))[3].numpy()
    ref.tofile(os.path.join(OUT, 'torch-top.f32'))
    with open(os.path.join(OUT, 'name.txt'), 'w') as f:
        f.write(mul)
    subprocess.run(['node', os.path.join(HERE, 'verify_encoder.mjs'), OUT], check=True)


if __name__ == '__main__':
    main()
