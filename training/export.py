"""Exports a trained checkpoint to models/scalp-seg/model.onnx (opset 13, NCHW float32 in, softmax
probabilities out) and writes card.json: classes, input contract, training data and split, sha256,
size, the reproduce command. Metrics are added by `npm run eval:seg -- --write-card`.

  /usr/bin/python3 training/export.py --run v1 [--size 320] [--which best]
"""
import argparse
import datetime
import hashlib
import json
import os
import sys

import torch
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, '..', 'datasets'))
import common as C  # noqa: E402
import scalp_seg_model as M  # noqa: E402

OUT = os.path.join(HERE, '..', 'models', 'scalp-seg')


def fold_pads(model):
    """Merges each zero Pad feeding a stride-2 Conv (the TF 'SAME' padding of SamePadConv) into that
    Conv's asymmetric pads, as the teacher's ONNX has them, then drops the nodes left unused (torch
    exports the pad widths through a Slice/Transpose chain that its constant folding leaves alone).
    SamePadConv pads k-2 in total per axis, (k-2)//2 before and the rest after."""
    import onnx
    g = model.graph
    users = {}
    for n in g.node:
        for i in n.input:
            users.setdefault(i, []).append(n)
    folded = []
    def foldable(conv):
        attrs = {a.name: a for a in conv.attribute}
        return (conv.op_type == 'Conv' and list(attrs['strides'].ints) == [2, 2]
                and not any(attrs['pads'].ints if 'pads' in attrs else []))

    for pad in [n for n in g.node if n.op_type == 'Pad']:
        # one Pad may feed several stride-2 convs of the same kernel (torch merges the identical pads
        # of the encoder stem and the detail path's input conv, both on the input)
        nxt = users.get(pad.output[0], [])
        if not nxt or not all(foldable(c) for c in nxt):
            continue
        kernels = {tuple({a.name: a for a in c.attribute}['kernel_shape'].ints) for c in nxt}
        if len(kernels) != 1:
            continue
        for conv in nxt:
            attrs = {a.name: a for a in conv.attribute}
            k = list(attrs['kernel_shape'].ints)
            t = [kk - 2 for kk in k]
            conv.attribute.remove(attrs['pads']) if 'pads' in attrs else None
            conv.attribute.append(onnx.helper.make_attribute('pads', [t[0] // 2, t[1] // 2, t[0] - t[0] // 2, t[1] - t[1] // 2]))
            conv.input[0] = pad.input[0]
        folded.append(pad)
    for n in folded:
        g.node.remove(n)
    # prune nodes whose outputs nothing uses any more
    while True:
        used = {i for n in g.node for i in n.input} | {o.name for o in g.output}
        dead = [n for n in g.node if not any(o in used for o in n.output)]
        if not dead:
            break
        for n in dead:
            g.node.remove(n)
    return len(folded)


def use_fused_activations(net):
    """hswish(x) = x * relu6(x + 3) / 6 and hsigmoid are exported by torch as four element-wise ops each
    (Add, Clip, Mul, Div: ~20 % of onnxruntime's time for this net); F.hardswish / F.hardsigmoid are the
    same functions and export as one HardSwish / HardSigmoid op (opset 14)."""
    M.hswish = F.hardswish  # module globals used in the forward passes
    M.hsigmoid = F.hardsigmoid
    for m in net.modules():
        if getattr(m, 'act', None) is not None and getattr(m.act, '__name__', '') == 'hswish':
            m.act = F.hardswish


def train_command(run, targs):
    flags = []
    for k, v in targs.items():
        if k in ('run', 'resume', 'workers') or v in ('', None) or v is False or (k == 'stop_after' and v == -1):
            continue
        flags.append(f'--{k.replace("_", "-")}' + ('' if v is True else f' {v}'))
    return f'/usr/bin/python3 training/train.py --run {run} ' + ' '.join(flags)


def train_commands(run):
    """The training commands of `run`, preceded by those of the run its --init checkpoint came from."""
    with open(os.path.join(HERE, 'runs', run, 'args.json')) as f:
        targs = json.load(f)
    init = targs.get('init') or ''
    parts = os.path.normpath(init).split(os.sep)
    before = train_commands(parts[-2]) if init and len(parts) >= 2 and parts[-3:-2] == ['runs'] else []
    if before and parts[-1] not in ('best.pt', 'last.pt'):  # a copy of that run's last.pt, kept under its own name
        before.append(f'cp {os.path.join(*parts[:-1], "last.pt")} {init}')
    return before + [train_command(run, targs)]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--run', default='v1')
    ap.add_argument('--which', default='best', choices=['best', 'last'])
    ap.add_argument('--size', type=int, default=256, help='inference input side (the net is fully convolutional)')
    ap.add_argument('--scar-prior', type=float, default=0.0,
                    help='divide p(scar) by this (the training class weight, e.g. 5) before the soft-max; 0 = off')
    ap.add_argument('--scar-bias', type=float, default=0.0,
                    help='pan-half: add this to the scar logit (training/calibrate_scar.py picks it on training people)')
    ap.add_argument('--fused-act', type=int, default=1,
                    help='1: hard-swish / hard-sigmoid as the single ONNX ops (opset 14) instead of Add/Clip/Mul/Div')
    ap.add_argument('--out', default=OUT, help='folder for model.onnx and card.json (default models/scalp-seg)')
    args = ap.parse_args()
    run_dir = os.path.join(HERE, 'runs', args.run)
    state = torch.load(os.path.join(run_dir, f'{args.which}.pt'), map_location='cpu')
    with open(os.path.join(run_dir, 'args.json')) as f:
        targs = json.load(f)
    arch = targs.get('arch', 'fpn')
    net = {'pan': M.ScalpPanNet,
           'pan-half': lambda: M.build_half(targs),
           }.get(arch, lambda: M.ScalpSegNet(width=targs.get('width', 64)))()
    net.load_state_dict(state['model'])
    if arch == 'pan-half' and (args.scar_prior or args.scar_bias):
        import math
        with torch.no_grad():
            net.detail.out.bias[-1] += args.scar_bias - (math.log(args.scar_prior) if args.scar_prior else 0.0)
    elif args.scar_prior and arch == 'pan':
        # training weighted scar pixels x SCAR_WEIGHT in the cross-entropy, which inflates p(scar) like a
        # prior would; subtracting log(weight) from the scar logit undoes that (fewer halo pixels)
        import math
        with torch.no_grad():
            net.head.bias[3] -= math.log(args.scar_prior)
    if arch == 'pan-half' and net.detail.scar_head is not None:
        # the trained copy of the scar row replaces the head's own (its other rows are untouched): the
        # same function without the Slice/Concat around a separate conv
        with torch.no_grad():
            net.head.weight[3:4] = net.detail.scar_head.weight
            net.head.bias[3:4] = net.detail.scar_head.bias
        net.detail.scar_head = None
    if arch == 'pan-half' and hasattr(net.detail, 'fuse_for_export'):
        net.detail.fuse_for_export()
    net.eval()
    if args.fused_act:
        use_fused_activations(net)
    os.makedirs(args.out, exist_ok=True)
    path = os.path.join(args.out, 'model.onnx')
    if args.size % 4:
        raise SystemExit('--size must be a multiple of 4')
    # soft-max at the network's own output resolution: 1/4 (pan) or 1/2 (pan-half) of the input side
    native = arch in ('pan', 'pan-half')
    out_size = {'pan': args.size // 4, 'pan-half': args.size // 2}.get(arch, args.size)
    torch.onnx.export(M.NativeExport(net) if native else net, torch.zeros(1, 3, args.size, args.size), path,
                      opset_version=14 if args.fused_act else 13,
                      input_names=['input'], output_names=['probs'], do_constant_folding=True)
    import onnx
    model = onnx.load(path)
    folded = fold_pads(model)
    onnx.checker.check_model(model)
    onnx.save(model, path)
    print(f'folded {folded} Pad ops into their convs')
    data = open(path, 'rb').read()
    train, test = C.split()
    log = [json.loads(l) for l in open(os.path.join(run_dir, 'log.jsonl'))]
    card_path = os.path.join(args.out, 'card.json')
    old = json.load(open(card_path)) if os.path.exists(card_path) else {}
    card = {
        'name': 'scalp-seg',
        'version': f'{args.run}-e{state["epoch"]}',
        'file': 'model.onnx',
        'sha256': hashlib.sha256(data).hexdigest(),
        'bytes': len(data),
        'exported': datetime.datetime.utcnow().strftime('%Y-%m-%dT%H:%M:%SZ'),
        'classes': M.CLASSES,
        'input': {'name': 'input', 'layout': 'NCHW', 'colour': 'RGB', 'size': args.size, 'scale': '0..1',
                  'mean': [0.485, 0.456, 0.406], 'std': [0.229, 0.224, 0.225],
                  'resize': 'bilinear stretch of the whole upright photo to size x size (no padding)'},
        'output': {'name': 'probs', 'layout': 'NCHW', 'activation': 'softmax', 'size': out_size,
                   'shape': [1, len(M.CLASSES), out_size, out_size],
                   'postprocess': 'bilinear resize of the probabilities to the photo size (sums stay 1), arg-max'},
        'architecture': (
            'PAN (Feature Pyramid Attention + Global Attention Upsample) on a dilated MobileNetV3-small 1.0 '
            'encoder, BN folded, initialised from ../shared/models/pan-skin-clothes-hair (MIT), encoder frozen; '
            '4-class head at 1/4 (skin/hair rows from the teacher, scar new) + a detail path at 1/2 of the input '
            '(training/scalp_seg_model.py DetailPath: the frozen stride-2 stem features, a new stride-2 conv on '
            'the input and the PAN decoder features as context, 1x1 + depthwise 3x3 convs, '
            f'{targs.get("detail_width", 16)} channels'
            + (f', a neighbourhood branch (the input conv averaged over {targs["detail_pool"]}x{targs["detail_pool"]} '
               'cells, a 3x3 conv, upsampled) so a scar is judged against the skin around it' if targs.get('detail_pool') else '')
            + (', a third, dilation-4 block' if targs.get('detail_blocks', 2) >= 3 else '')
            + ') that adds a correction to the upsampled PAN scar logit'
            + ('; the scar row of the 1/4 head retrained (--scar-head, folded back into the head)' if targs.get('scar_head') else '')
            + (f'; a scar-only feature pyramid (ScarFPN, {targs["scar_fpn"]} channels: the frozen encoder\'s top, '
               'stride-16, -8 and -4 features and the PAN decoder output, depthwise-separable blocks) adding to the '
               'scar logit at 1/4 and feeding the detail path' if targs.get('scar_fpn') else '')
            + '; soft-max at 1/2 of the input side'
            + (f'; PAN decoder and head fine-tuned with background/skin/hair distilled (KL, x{targs["pan_distill"]}) '
               f'from the frozen {targs.get("pan_ref") or targs.get("init")}' if targs.get('pan_distill') else '')
            if arch == 'pan-half' else
            'PAN (Feature Pyramid Attention + Global Attention Upsample) on a dilated MobileNetV3-small 1.0 '
            'encoder, BN folded; every weight initialised from ../shared/models/pan-skin-clothes-hair (MIT) '
            'and fine-tuned; new 4-class soft-max head (skin/hair rows from the teacher, scar new)'
            if arch == 'pan' else
            'MobileNetV3-small 1.0 encoder (TF-same padding, BN folded; initialised from the '
            'ImageNet-pretrained encoder inside ../shared/models/pan-skin-clothes-hair) + FPN-lite '
            f'decoder (width {targs.get("width", 64)}) with a global-context gate, 4-class softmax'),
        'training': {
            'data': 'shared/data/hairloss-levels (CC BY 4.0): photos of the people in datasets/split.json "train"; '
                    'labels bootstrapped from the teacher and refined (datasets/bootstrap_labels.py: GrabCut + '
                    'per-photo colour models + morphology); synthetic scars painted online (datasets/scars.py)',
            'split': {'file': 'datasets/split.json', 'unit': 'subject', 'train_subjects': len(train),
                      'test_subjects': len(test)},
            'augmentation': 'training/augment.py: 90/180/270 turns, rotation +-30, zoom 0.5-2.6 of a 224 crop '
                            '(centred on the 320 px inference scale), flip, synthetic scars'
                            + (' (painted on the whole source photo before the geometry, --paint-first)'
                               if targs.get('paint_first') else '') + ', hair recolouring '
                            '(black..blond, grey, white, red), skin-tone shift (very light..very dark), background '
                            'swap, colour cast, brightness/contrast/gamma, lighting gradient, blur, noise, JPEG 25-95',
            'loss': f'cross-entropy (scar x{targs.get("scar_weight", 5.0)}, undecided borders ignored) + soft Dice'
                    + (f' + {targs["scar_dice"]} x soft Dice of the scar class' if targs.get('scar_dice') else '')
                    + (' + KL to the teacher where the refined labels do not overrule it (--distill)'
                       if targs.get('distill', 1.0) else '')
                    + (f' + {targs["pan_distill"]} x KL over background/skin/hair to the frozen reference PAN at 1/4 (--pan-distill)'
                       if targs.get('pan_distill') else ''),
            'args': targs,
            'epochs_run': len(log),
            'checkpoint': f'training/runs/{args.run}/{args.which}.pt (epoch {state["epoch"]})',
            'val_iou_training_time': state.get('val_iou'),
            'init': (f'all weights from {targs["init"]} (see the reproduce chain; the first PAN started from the teacher); '
                     'detail-path parts it lacks start adding zero; encoder frozen up to --freeze ' + str(targs.get('freeze'))
                     + ('; the whole PAN frozen too (--pan-lr 0): only the detail path was trained'
                        if targs.get('pan_lr', 1.0) == 0 else f'; PAN decoder at {targs.get("pan_lr")} x --lr')
                     if arch == 'pan-half' else
                     'all weights from the teacher (training/scalp_seg_model.py pan_from_teacher)'
                     + (f', then {targs["init"]}' if targs.get('init') else '')
                     + f'; encoder frozen up to {targs.get("freeze")}'),
        },
        'metrics': old.get('metrics', {}),
        'reproduce': ' && '.join([
            'npm run build', 'node dist/datasets/teacher-cache.js', '/usr/bin/python3 datasets/bootstrap_labels.py',
            '/usr/bin/python3 datasets/make_scar_eval.py',
            *train_commands(args.run),
            f'/usr/bin/python3 training/export.py --run {args.run} --size {args.size} --which {args.which}'
            + (f' --scar-prior {args.scar_prior}' if args.scar_prior else '')
            + (f' --scar-bias {args.scar_bias}' if args.scar_bias else ''),
            'npm run eval:seg -- --write-card']),
        'license': 'trained by this project; initialised from the MIT-licensed teacher weights (see its LICENSE)',
    }
    # hand-written sections (measured speed, known limitations) stay until someone rewrites them
    for key in ('speed', 'limitations'):
        if key in old:
            card[key] = old[key]
    with open(card_path, 'w') as f:
        json.dump(card, f, indent=1)
        f.write('\n')
    print(f'wrote {path} ({len(data)} bytes) and {card_path}')


if __name__ == '__main__':
    main()
