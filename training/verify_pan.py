"""Checks ScalpPanNet (loaded with every teacher conv) reproduces the teacher's output: exports it to
ONNX with a sigmoid on its 3 channels and compares with the teacher in onnxruntime-node on a real
photo.   /usr/bin/python3 training/verify_pan.py"""
import os
import subprocess
import sys

import cv2
import numpy as np
import torch

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import scalp_seg_model as M  # noqa: E402

TEACHER = os.path.join(HERE, '..', '..', 'shared', 'models', 'pan-skin-clothes-hair', 'model.onnx')
OUT = '/tmp/verify-pan'


class Sig(torch.nn.Module):
    def __init__(self, net):
        super().__init__()
        self.net = net

    def forward(self, x):
        return torch.sigmoid(self.net.logits(x))


def main():
    os.makedirs(OUT, exist_ok=True)
    net = M.load_teacher_all(M.ScalpPanNet(classes=3), TEACHER).eval()
    img = cv2.imread(os.path.join(HERE, '..', '..', 'shared', 'data', 'hair-seg-samples', 'image', '0.png'))
    x = cv2.resize(img[:, :, ::-1], (512, 512)).astype(np.float32) / 255
    x = ((x - [0.485, 0.456, 0.406]) / [0.229, 0.224, 0.225]).astype(np.float32).transpose(2, 0, 1)[None].copy()
    x.tofile(os.path.join(OUT, 'input.f32'))
    with torch.no_grad():
        Sig(net)(torch.from_numpy(x)).numpy().tofile(os.path.join(OUT, 'torch.f32'))
    subprocess.run(['node', os.path.join(HERE, 'verify_pan.mjs'), OUT, TEACHER], check=True)


if __name__ == '__main__':
    main()
