"""The Norwood image-feature model: the ImageNet-pretrained MobileNetV3-small encoder carried by the
teacher ONNX (read with training/scalp_seg_model.py), frozen, with global average pooling. One photo
goes in as a batch of its 4 quarter-turns, so orientation, view and level heads (fitted in
training/norwood/fit.py on these embeddings, stored as JSON) can score every turn.

Input  x: float32 [N, 3, 224, 224], RGB /255, ImageNet mean/std, stretched (no padding).
Output emb: float32 [N, 624] = GAP(top 576 ch, stride 32) ++ GAP(stride-16 features, 48 ch).
Export: /usr/bin/python3 training/norwood/features_model.py  -> models/norwood-features/model.onnx
"""
import hashlib
import os
import sys

import torch
import torch.nn as nn

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, '..', '..'))
sys.path.insert(0, os.path.join(ROOT, 'training'))
import scalp_seg_model as M  # noqa: E402

SHARED = os.environ.get('SMP_SHARED_DIR', os.path.join(ROOT, '..', 'shared'))
TEACHER = os.path.join(SHARED, 'models', 'pan-skin-clothes-hair', 'model.onnx')
SIZE = 224
DIM = 624
OUT_DIR = os.path.join(ROOT, 'models', 'norwood-features')


class FeatureNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.encoder = M.load_teacher_encoder(M.Encoder(dilated=False), TEACHER).eval()

    def forward(self, x):
        _, _, f16, top = self.encoder(x)
        return torch.cat([top.mean((2, 3)), f16.mean((2, 3))], dim=1)


def export(path=os.path.join(OUT_DIR, 'model.onnx')):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    net = FeatureNet().eval()
    x = torch.zeros(4, 3, SIZE, SIZE)
    with torch.no_grad():
        torch.onnx.export(net, x, path, input_names=['x'], output_names=['emb'], opset_version=13,
                          dynamic_axes={'x': {0: 'n'}, 'emb': {0: 'n'}})
    digest = hashlib.sha256(open(path, 'rb').read()).hexdigest()
    print(f'wrote {path} sha256 {digest}')
    return digest


if __name__ == '__main__':
    export()
