"""The scalp segmentation network: a MobileNetV3-small encoder (the timm/TF layout the teacher ONNX
carries, BatchNorm already folded into each conv) and a light FPN decoder to 4 classes
(background, skin, hair, scar) at 1/4 resolution, upsampled to the input and soft-maxed.

The encoder weights are read from the teacher ONNX (ImageNet-pretrained then fine-tuned on people);
`load_teacher_encoder` maps its convolutions in graph order onto this module, and
`training/verify_encoder.py` checks the activations match the teacher's.
"""
import torch
import torch.nn as nn
import torch.nn.functional as F

CLASSES = ['background', 'skin', 'hair', 'scar']


def hswish(x):
    return x * F.relu6(x + 3.0) / 6.0


def hsigmoid(x):
    return F.relu6(x + 3.0) / 6.0


class SamePadConv(nn.Conv2d):
    """Conv with TensorFlow 'SAME' padding for stride 2 (more padding bottom/right), as the teacher's
    TF-ported weights expect; symmetric padding otherwise."""

    def __init__(self, cin, cout, k, stride=1, groups=1, dilation=1):
        pad = 0 if stride == 2 else dilation * (k - 1) // 2
        super().__init__(cin, cout, k, stride=stride, padding=pad, groups=groups, dilation=dilation, bias=True)
        self.same = stride == 2
        total = k - stride
        self.pads = (total // 2, total - total // 2, total // 2, total - total // 2)

    def forward(self, x):
        if self.same:
            x = F.pad(x, self.pads)
        return super().forward(x)


class SE(nn.Module):
    def __init__(self, c, r):
        super().__init__()
        self.conv_reduce = nn.Conv2d(c, r, 1)
        self.conv_expand = nn.Conv2d(r, c, 1)

    def forward(self, x):
        s = x.mean((2, 3), keepdim=True)
        return x * hsigmoid(self.conv_expand(F.relu(self.conv_reduce(s))))


class InvertedResidual(nn.Module):
    def __init__(self, cin, cexp, cout, k, stride, se, act, dilation=1):
        super().__init__()
        self.act = act
        self.conv_pw = SamePadConv(cin, cexp, 1) if cexp != cin or cexp is None else None
        self.conv_dw = SamePadConv(cexp, cexp, k, stride, groups=cexp, dilation=dilation)
        self.se = SE(cexp, se) if se else None
        self.conv_pwl = SamePadConv(cexp, cout, 1)
        self.residual = stride == 1 and cin == cout

    def forward(self, x):
        y = x
        if self.conv_pw is not None:
            y = self.act(self.conv_pw(y))
        y = self.act(self.conv_dw(y))
        if self.se is not None:
            y = self.se(y)
        y = self.conv_pwl(y)
        return x + y if self.residual else y


class Encoder(nn.Module):
    """MobileNetV3-small 1.0. Returns features at strides 4 (16 ch), 8 (24), 16 (48) and the top
    (576 ch at stride 32, or 16 when `dilated` as in the teacher)."""

    def __init__(self, dilated=False):
        super().__init__()
        d = 2 if dilated else 1
        s4 = 1 if dilated else 2
        self.conv_stem = SamePadConv(3, 16, 3, 2)
        self.b0 = InvertedResidual(16, 16, 16, 3, 2, 8, F.relu)  # depthwise-separable block
        self.b0.conv_pw = None
        self.b1 = nn.Sequential(InvertedResidual(16, 72, 24, 3, 2, 0, F.relu),
                                InvertedResidual(24, 88, 24, 3, 1, 0, F.relu))
        self.b2 = nn.Sequential(InvertedResidual(24, 96, 40, 5, 2, 24, hswish),
                                InvertedResidual(40, 240, 40, 5, 1, 64, hswish),
                                InvertedResidual(40, 240, 40, 5, 1, 64, hswish))
        self.b3 = nn.Sequential(InvertedResidual(40, 120, 48, 5, 1, 32, hswish),
                                InvertedResidual(48, 144, 48, 5, 1, 40, hswish))
        self.b4 = nn.Sequential(InvertedResidual(48, 288, 96, 5, s4, 72, hswish, dilation=1 if not dilated else 2),
                                InvertedResidual(96, 576, 96, 5, 1, 144, hswish, dilation=d),
                                InvertedResidual(96, 576, 96, 5, 1, 144, hswish, dilation=d))
        self.conv_head = SamePadConv(96, 576, 1)

    def forward(self, x):
        x = hswish(self.conv_stem(x))
        f4 = self.b0(x)
        f8 = self.b1(f4)
        f16 = self.b3(self.b2(f8))
        top = hswish(self.conv_head(self.b4(f16)))
        return f4, f8, f16, top

    def convs_in_order(self):
        """Every conv in the order the teacher ONNX graph runs them."""
        out = [self.conv_stem]
        for blk in [self.b0, *self.b1, *self.b2, *self.b3, *self.b4]:
            if blk.conv_pw is not None:
                out.append(blk.conv_pw)
            out.append(blk.conv_dw)
            if blk.se is not None:
                out += [blk.se.conv_reduce, blk.se.conv_expand]
            out.append(blk.conv_pwl)
        out.append(self.conv_head)
        return out


def conv_bn_relu(cin, cout, k=1, groups=1):
    return nn.Sequential(nn.Conv2d(cin, cout, k, padding=k // 2, groups=groups, bias=False),
                         nn.BatchNorm2d(cout), nn.ReLU(inplace=True))


class ScalpSegNet(nn.Module):
    def __init__(self, width=64, dilated=False, classes=len(CLASSES)):
        super().__init__()
        self.encoder = Encoder(dilated)
        self.top = conv_bn_relu(576, width)
        self.ctx = nn.Conv2d(576, width, 1)  # LR-ASPP style global context gate
        self.lat16 = nn.Conv2d(48, width, 1)
        self.lat8 = nn.Conv2d(24, width, 1)
        self.lat4 = nn.Conv2d(16, width, 1)
        self.smooth8 = conv_bn_relu(width, width, 3, groups=width)
        self.smooth4 = nn.Sequential(conv_bn_relu(width, width, 3, groups=width), conv_bn_relu(width, width))
        self.cls = nn.Conv2d(width, classes, 1)

    def logits(self, x):
        f4, f8, f16, top = self.encoder(x)
        y = self.top(top) * torch.sigmoid(self.ctx(top.mean((2, 3), keepdim=True)))
        y = F.interpolate(y, size=f16.shape[2:], mode='bilinear', align_corners=False) + self.lat16(f16)
        y = F.interpolate(y, size=f8.shape[2:], mode='bilinear', align_corners=False) + self.lat8(f8)
        y = self.smooth8(y)
        y = F.interpolate(y, size=f4.shape[2:], mode='bilinear', align_corners=False) + self.lat4(f4)
        y = self.cls(self.smooth4(y))
        return F.interpolate(y, size=x.shape[2:], mode='bilinear', align_corners=False)

    def forward(self, x):
        return torch.softmax(self.logits(x), dim=1)


def teacher_encoder_weights(onnx_path):
    """(weight, bias) numpy pairs of the teacher's encoder convs, in graph order (up to the 576-ch head)."""
    import onnx
    from onnx import numpy_helper
    m = onnx.load(onnx_path)
    inits = {i.name: numpy_helper.to_array(i) for i in m.graph.initializer}
    pairs = []
    for n in m.graph.node:
        if n.op_type != 'Conv':
            continue
        pairs.append((inits[n.input[1]], inits[n.input[2]]))
        if inits[n.input[1]].shape == (576, 96, 1, 1) and len(pairs) > 40 and n.output[0] == _head_output(m):
            break
    return pairs


def _head_output(m):
    # The encoder's last conv is the 96 -> 576 1x1 followed by hard-swish, feeding the decoder's pooling.
    last = None
    for n in m.graph.node:
        if n.op_type == 'Conv' and len(n.input) > 1:
            w = [i for i in m.graph.initializer if i.name == n.input[1]][0]
            if list(w.dims) == [576, 96, 1, 1]:
                last = n.output[0]
    return last


def load_teacher_encoder(encoder, onnx_path):
    convs = encoder.convs_in_order()
    pairs = teacher_encoder_weights(onnx_path)
    if len(pairs) != len(convs):
        raise ValueError(f'teacher has {len(pairs)} encoder convs, module has {len(convs)}')
    with torch.no_grad():
        for conv, (w, b) in zip(convs, pairs):
            if tuple(conv.weight.shape) != w.shape:
                raise ValueError(f'shape mismatch {tuple(conv.weight.shape)} vs {w.shape}')
            conv.weight.copy_(torch.from_numpy(w))
            conv.bias.copy_(torch.from_numpy(b))
    return encoder


# ---------------------------------------------------------------------------------------------------
# The teacher's own architecture (segmentation_models_pytorch PAN: Feature Pyramid Attention on the
# dilated encoder top + three Global Attention Upsample blocks), with BN folded into biased convs.
# Starting from ALL the teacher's weights keeps what it learned on 452 people (long hair, scenes,
# clothes) and lets fine-tuning add what it lacks (bald scalp is skin, scars).

def _hw(t):
    # python ints, so ONNX export records constant sizes instead of Shape/Gather chains
    return int(t.shape[2]), int(t.shape[3])


def _up(x, size):
    return F.interpolate(x, size=(int(size[0]), int(size[1])), mode='bilinear', align_corners=True)


class FPA(nn.Module):
    def __init__(self, cin=576, c=32):
        super().__init__()
        self.branch1 = nn.Conv2d(cin, c, 1)
        self.mid = nn.Conv2d(cin, c, 1)
        self.down1 = nn.Conv2d(cin, 1, 7, padding=3)
        self.down2 = nn.Conv2d(1, 1, 5, padding=2)
        self.down3a = nn.Conv2d(1, 1, 3, padding=1)
        self.down3b = nn.Conv2d(1, 1, 3, padding=1)
        self.conv2 = nn.Conv2d(1, 1, 5, padding=2)
        self.conv1 = nn.Conv2d(1, 1, 7, padding=3)

    def forward(self, x):
        h, w = _hw(x)
        b1 = _up(F.relu(self.branch1(x.mean((2, 3), keepdim=True))), (h, w))
        mid = F.relu(self.mid(x))
        x1 = F.relu(self.down1(F.max_pool2d(x, 2)))
        x2 = F.relu(self.down2(F.max_pool2d(x1, 2)))
        x3 = F.relu(self.down3b(F.relu(self.down3a(F.max_pool2d(x2, 2)))))
        x3 = _up(x3, (h // 4, w // 4))
        y = _up(F.relu(self.conv2(x2)) + x3, (h // 2, w // 2))
        y = _up(y + F.relu(self.conv1(x1)), (h, w))
        return y * mid + b1

    def convs(self):
        return [self.branch1, self.mid, self.down1, self.down2, self.down3a, self.down3b, self.conv2, self.conv1]


class GAU(nn.Module):
    def __init__(self, cin, c=32):
        super().__init__()
        self.conv2 = nn.Conv2d(cin, c, 3, padding=1)
        self.conv1 = nn.Conv2d(c, c, 1)

    def forward(self, x, y):
        y_up = _up(y, _hw(x))
        z = F.relu(self.conv2(x)) * torch.sigmoid(self.conv1(y.mean((2, 3), keepdim=True)))
        return y_up + z

    def convs(self):
        return [self.conv2, self.conv1]


class ScalpPanNet(nn.Module):
    """Teacher architecture; `head` gives 3 sigmoid channels (teacher) or our 4 soft-max classes."""

    def __init__(self, classes=len(CLASSES)):
        super().__init__()
        self.encoder = Encoder(dilated=True)
        self.fpa = FPA()
        self.gau3 = GAU(48)
        self.gau2 = GAU(24)
        self.gau1 = GAU(16)
        self.head = nn.Conv2d(32, classes, 3, padding=1)

    def decoder_convs(self):
        return [*self.fpa.convs(), *self.gau3.convs(), *self.gau2.convs(), *self.gau1.convs(), self.head]

    def logits(self, x):
        f4, f8, f16, top = self.encoder(x)
        y = self.gau1(f4, self.gau2(f8, self.gau3(f16, self.fpa(top))))
        return _up(self.head(y), _hw(x))

    def forward(self, x):
        return torch.softmax(self.logits(x), dim=1)

    def forward_quarter(self, x):
        """Soft-max at 1/4 of the input side, before any upsampling: what is exported. Soft-max over the
        channel axis at full size cost onnxruntime more than all the convs of the head; the runtime
        resizes these probabilities to the photo anyway."""
        f4, f8, f16, top = self.encoder(x)
        y = self.gau1(f4, self.gau2(f8, self.gau3(f16, self.fpa(top))))
        return torch.softmax(self.head(y), dim=1)


class QuarterExport(nn.Module):
    def __init__(self, net):
        super().__init__()
        self.net = net

    def forward(self, x):
        return self.net.forward_quarter(x)


def load_teacher_all(net, onnx_path):
    """Loads every conv of the teacher into `net` (a ScalpPanNet with a 3-channel head)."""
    import onnx
    from onnx import numpy_helper
    m = onnx.load(onnx_path)
    inits = {i.name: numpy_helper.to_array(i) for i in m.graph.initializer}
    pairs = [(inits[n.input[1]], inits[n.input[2]]) for n in m.graph.node if n.op_type == 'Conv']
    convs = net.encoder.convs_in_order() + net.decoder_convs()
    if len(pairs) != len(convs):
        raise ValueError(f'teacher has {len(pairs)} convs, module has {len(convs)}')
    with torch.no_grad():
        for conv, (w, b) in zip(convs, pairs):
            if tuple(conv.weight.shape) != w.shape:
                raise ValueError(f'shape mismatch {tuple(conv.weight.shape)} vs {w.shape}')
            conv.weight.copy_(torch.from_numpy(w.copy()))
            conv.bias.copy_(torch.from_numpy(b.copy()))
    return net


def pan_from_teacher(onnx_path):
    """Our 4-class ScalpPanNet initialised from the teacher: background logit 0, skin and hair logits
    the teacher's, scar a new channel starting unlikely. softmax(0, s, h, -6) ~ the teacher's sigmoids
    wherever skin and hair do not both fire."""
    t = load_teacher_all(ScalpPanNet(classes=3), onnx_path)
    net = ScalpPanNet(classes=4)
    net.load_state_dict({k: v for k, v in t.state_dict().items() if not k.startswith('head.')}, strict=False)
    with torch.no_grad():
        net.head.weight.zero_()
        net.head.bias.zero_()
        net.head.weight[1] = t.head.weight[0]
        net.head.bias[1] = t.head.bias[0]
        net.head.weight[2] = t.head.weight[2]
        net.head.bias[2] = t.head.bias[2]
        net.head.weight[3].normal_(0, 0.01)
        net.head.bias[3] = -6.0
    return net


# ---------------------------------------------------------------------------------------------------
# High-resolution detail path. At 1/4 of a 320 px input a 1-10 mm strip scar is 0.4-4 output pixels
# and a 1 mm FUE dot a fraction of one: the PAN cannot draw them whatever it has learned. This path
# works at 1/2 of the input (the encoder's stem resolution, 160x160 at 320): it mixes the frozen stem
# features (edges and colour at stride 2, already computed), a new stride-2 conv on the input (pale /
# pink smooth skin is the scar cue the stem was not trained for) and the PAN's 32-channel decoder
# features as context, and adds a correction to the PAN's (upsampled) SCAR logit only: background, skin
# and hair stay the PAN's, so a path that never sees long hair or clothes in training cannot redraw them
# (a first version correcting all four classes called dark clothes hair: hair-seg-samples hair IoU
# 0.83 -> 0.08). Depthwise-separable and narrow, so it costs a few ms; its last conv starts at zero, so
# training starts from the PAN exactly.

def _widen_to_classes(conv):
    """A 1-output conv as a len(CLASSES)-output one whose background/skin/hair rows are zero, so the
    correction is added to all four logits in one Add (no Slice/Concat in the exported graph)."""
    wide = nn.Conv2d(conv.in_channels, len(CLASSES), conv.kernel_size, padding=conv.padding)
    with torch.no_grad():
        wide.weight.zero_()
        wide.bias.zero_()
        wide.weight[3:4] = conv.weight
        wide.bias[3:4] = conv.bias
    return wide


class ScarFPN(nn.Module):
    """A narrow feature pyramid of its own over the frozen encoder (top and stride-16, -8, -4 features)
    and the PAN decoder's output, for the scar alone: it adds a correction to the PAN's scar logit at 1/4
    and gives the detail path its features as context. The PAN itself stays frozen, so background/skin/
    hair are exactly the shipped PAN's (letting the PAN decoder learn scars raised scar IoU but turned dark
    clothes into hair). Its output conv starts at zero."""

    def __init__(self, c=24):
        super().__init__()
        self.c = c
        self.top = nn.Conv2d(576, c, 1)
        self.lat16 = nn.Conv2d(48, c, 1)
        self.dw16 = nn.Conv2d(c, c, 3, padding=2, dilation=2, groups=c)
        self.pw16 = nn.Conv2d(c, c, 1)
        self.lat8 = nn.Conv2d(24, c, 1)
        self.dw8 = nn.Conv2d(c, c, 3, padding=1, groups=c)
        self.pw8 = nn.Conv2d(c, c, 1)
        self.lat4 = nn.Conv2d(16, c, 1)
        self.dec = nn.Conv2d(32, c, 1)
        self.dw4 = nn.Conv2d(c, c, 3, padding=1, groups=c)
        self.pw4 = nn.Conv2d(c, c, 1)
        self.out = nn.Conv2d(c, 1, 1)
        with torch.no_grad():
            self.out.weight.zero_()
            self.out.bias.zero_()

    def forward(self, f4, f8, f16, top, y):
        s = F.relu(self.top(top) + self.lat16(f16))
        s = s + F.relu(self.pw16(F.relu(self.dw16(s))))
        s = F.relu(_up(s, _hw(f8)) + self.lat8(f8))
        s = s + F.relu(self.pw8(F.relu(self.dw8(s))))
        s = F.relu(_up(s, _hw(f4)) + self.lat4(f4) + self.dec(y))
        s = s + F.relu(self.pw4(F.relu(self.dw4(s))))
        return s, self.out(s)

    def fuse_for_export(self):
        self.out = _widen_to_classes(self.out)
        return self


class DetailPath(nn.Module):
    def __init__(self, c=16, own=8, ctx=8, scar_head=None, pool=0, blocks=2, fpn=0):
        super().__init__()
        # fpn: channels of a ScarFPN (0: none), whose correction is added to the scar logit at 1/4 and
        # whose features join the context (a zero-started 1x1 conv)
        self.fpn = ScarFPN(fpn) if fpn else None
        if fpn:
            self.ctx2 = nn.Conv2d(fpn, c, 1, bias=False)
            with torch.no_grad():
                self.ctx2.weight.zero_()
        # pool: a neighbourhood branch: the input conv's features averaged over pool x pool cells at 1/2
        # (~25 mm at pool 8), a 3x3 conv there, upsampled and added before the first block, so a scar
        # is judged against the skin around it; blocks: 3 adds a dilation-4 block (wider receptive field)
        # scar_head: a copy of the PAN head's scar row (3x3 conv, 32 -> 1 at 1/4) that replaces it, so the
        # coarse scar logit can be trained without touching the other three classes
        self.scar_head = None
        if scar_head is not None:
            self.scar_head = nn.Conv2d(32, 1, 3, padding=1)
            with torch.no_grad():
                self.scar_head.weight.copy_(scar_head.weight[3:4])
                self.scar_head.bias.copy_(scar_head.bias[3:4])
        self.inp = SamePadConv(3, own, 3, 2)
        self.ctx = nn.Conv2d(32, ctx, 1)
        self.mix = nn.Conv2d(16 + own + ctx, c, 1)
        self.dw1 = nn.Conv2d(c, c, 3, padding=1, groups=c)
        self.pw1 = nn.Conv2d(c, c, 1)
        self.dw2 = nn.Conv2d(c, c, 3, padding=2, dilation=2, groups=c)
        self.pw2 = nn.Conv2d(c, c, 1)
        self.pool = pool
        if pool:
            self.near = nn.Conv2d(own, c, 3, padding=1)
            with torch.no_grad():  # starts adding nothing, so a trained path keeps its function
                self.near.weight.zero_()
                self.near.bias.zero_()
        if blocks >= 3:
            self.dw3 = nn.Conv2d(c, c, 3, padding=4, dilation=4, groups=c)
            self.pw3 = nn.Conv2d(c, c, 1)
            with torch.no_grad():
                self.pw3.weight.zero_()
                self.pw3.bias.zero_()
        self.out = nn.Conv2d(c, 1, 1)
        with torch.no_grad():
            self.out.weight.zero_()
            self.out.bias.zero_()

    def forward(self, x, stem, feat, logits, enc=None):
        """enc: the encoder features (f4, f8, f16, top), needed with a ScarFPN."""
        size = _hw(stem)
        if self.scar_head is not None:
            logits = torch.cat([logits[:, :3], self.scar_head(feat)], 1)
        extra = None
        if self.fpn is not None:
            extra, corr = self.fpn(*enc, feat)
            if corr.shape[1] == len(CLASSES):  # fused for export
                logits = logits + corr
            else:
                logits = torch.cat([logits[:, :3], logits[:, 3:] + corr], 1)
        own = F.relu(self.inp(x))
        if hasattr(self, 'mix_stem'):  # split for export (fuse_for_export): the same sum without a Concat
            ctx = self.mix_ctx(feat)
            if extra is not None:  # both context terms at 1/4, then one upsampling (it is linear)
                ctx = ctx + self.ctx2(extra)
            h = self.mix_stem(stem) + self.mix_own(own) + _up(ctx, size)
        else:
            h = self.mix(torch.cat([stem, own, _up(self.ctx(feat), size)], 1))
            if extra is not None:
                h = h + _up(self.ctx2(extra), size)
        if self.pool:
            h = h + _up(self.near(F.avg_pool2d(own, self.pool, ceil_mode=True)), size)
        h = F.relu(h)
        h = h + F.relu(self.pw1(F.relu(self.dw1(h))))
        h = h + F.relu(self.pw2(F.relu(self.dw2(h))))
        if hasattr(self, 'dw3'):
            h = h + F.relu(self.pw3(F.relu(self.dw3(h))))
        up = _up(logits, size)
        if self.out.out_channels == len(CLASSES):  # fused for export: one Add, no Slice/Concat
            return up + self.out(h)
        return torch.cat([up[:, :3], up[:, 3:] + self.out(h)], 1)

    def fuse_for_export(self):
        """The same function with the 1-channel output conv widened to 4 channels whose background/skin/
        hair rows are zero: onnxruntime then adds the correction in one Add instead of slicing and
        concatenating 4 x 160 x 160 logits (~0.35 ms)."""
        self.out = _widen_to_classes(self.out)
        if self.fpn is not None:
            self.fpn.fuse_for_export()
        # a 1x1 conv of a concatenation is the sum of 1x1 convs of its parts, and a 1x1 conv commutes
        # with bilinear upsampling (weights sum to 1): mix(cat(stem, own, up(ctx(feat)))) =
        # mix_stem(stem) + mix_own(own) + up(mix_ctx(feat)) with mix_ctx = mix's ctx columns after ctx
        w = self.mix.weight[:, :, 0, 0]
        n_stem, n_own = 16, self.inp.out_channels
        self.mix_stem = nn.Conv2d(n_stem, w.shape[0], 1)
        self.mix_own = nn.Conv2d(n_own, w.shape[0], 1, bias=False)
        self.mix_ctx = nn.Conv2d(self.ctx.in_channels, w.shape[0], 1, bias=False)
        with torch.no_grad():
            self.mix_stem.weight.copy_(w[:, :n_stem, None, None])
            self.mix_stem.bias.copy_(self.mix.bias + w[:, n_stem + n_own:] @ self.ctx.bias)
            self.mix_own.weight.copy_(w[:, n_stem:n_stem + n_own, None, None])
            self.mix_ctx.weight.copy_((w[:, n_stem + n_own:] @ self.ctx.weight[:, :, 0, 0])[:, :, None, None])
        return self


class ScalpPanHalf(ScalpPanNet):
    """The PAN plus `DetailPath`: 4-class logits at 1/2 of the input side."""

    def __init__(self, classes=len(CLASSES), width=16, scar_head=False, pool=0, blocks=2, fpn=0):
        super().__init__(classes)
        self.detail = DetailPath(c=width, scar_head=self.head if scar_head else None, pool=pool, blocks=blocks, fpn=fpn)

    def features(self, x):
        e = self.encoder
        stem = hswish(e.conv_stem(x))
        f4 = e.b0(stem)
        f8 = e.b1(f4)
        f16 = e.b3(e.b2(f8))
        top = hswish(e.conv_head(e.b4(f16)))
        return stem, f4, f8, f16, top

    def decode(self, f4, f8, f16, top):
        """The PAN decoder's 32-channel features at 1/4."""
        return self.gau1(f4, self.gau2(f8, self.gau3(f16, self.fpa(top))))

    def half_logits(self, x, quarter=False):
        """Logits at 1/2; with quarter, also the PAN head's own logits at 1/4 and the encoder features."""
        stem, f4, f8, f16, top = self.features(x)
        y = self.decode(f4, f8, f16, top)
        q = self.head(y)
        half = self.detail(x, stem, y, q, (f4, f8, f16, top))
        return (half, q, (stem, f4, f8, f16, top)) if quarter else half

    def logits(self, x):
        return _up(self.half_logits(x), _hw(x))

    def forward_native(self, x):
        """Soft-max at 1/2 of the input side: what is exported. Written out (max, exp, sum, divide)
        because onnxruntime's Softmax over the channel axis of NCHW transposes the tensor around it:
        1.1 ms at 160x160, more than the whole detail path's convolutions."""
        z = self.half_logits(x)
        e = torch.exp(z - z.max(1, keepdim=True).values)
        return e / e.sum(1, keepdim=True)


class NativeExport(nn.Module):
    """Soft-max probabilities at the network's own output resolution (1/4 for the PAN, 1/2 with the
    detail path)."""

    def __init__(self, net):
        super().__init__()
        self.net = net

    def forward(self, x):
        return self.net.forward_native(x) if hasattr(self.net, 'forward_native') else self.net.forward_quarter(x)


def pan_half_from(state, width=16):
    """A ScalpPanHalf whose PAN part is a trained ScalpPanNet state dict (the detail path is new)."""
    net = ScalpPanHalf(width=width)
    missing, unexpected = net.load_state_dict(state, strict=False)
    if unexpected or any(not k.startswith('detail.') for k in missing):
        raise ValueError(f'not a ScalpPanNet state: missing {missing}, unexpected {unexpected}')
    return net


def seed_scar_head(net):
    """Start the detail path's copy of the scar row (--scar-head) as the head's loaded scar row."""
    with torch.no_grad():
        net.detail.scar_head.weight.copy_(net.head.weight[3:4])
        net.detail.scar_head.bias.copy_(net.head.bias[3:4])



def build_half(targs):
    """A ScalpPanHalf shaped as a training run's args.json describes (the detail path options)."""
    return ScalpPanHalf(width=targs.get('detail_width', 16), scar_head=targs.get('scar_head', False),
                        pool=targs.get('detail_pool', 0), blocks=targs.get('detail_blocks', 2),
                        fpn=targs.get('scar_fpn', 0))
