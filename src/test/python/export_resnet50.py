"""Exports a torchvision ResNet-50 with random weights for TorchvisionResNet50IT.

Usage: /usr/bin/python3 export_resnet50.py OUT_DIR INPUT_SIZE

Writes four TorchScript pieces, which the test chains in a DJL block so that the outputs of
layer3 and layer4 are taps:
  stem.pt    conv1, bn1, relu, maxpool, layer1, layer2
  layer3.pt  layer3 (its first block down-samples 512 -> 1024 channels with a 1x1 stride-2 conv)
  layer4.pt  layer4 (1024 -> 2048, the convolution of issue 14's minimal crash)
  head.pt    global average pooling, flatten, fc (2 classes)
and, as an independent oracle computed by this PyTorch in double precision, for a fixed batch of
two images with target classes 0 and 1: the input, the logits, and the gradients of the sum of
the target logits with respect to the layer3 and layer4 outputs. Arrays are raw little-endian
float32 files in row-major order.

BatchNorm is replaced by FrozenBatchNorm2d holding statistics calibrated on random images:
DJL runs a TorchScript module with autograd only in training mode, and frozen statistics keep
training mode from coupling the images of a batch.
"""
import copy
import pathlib
import sys

import torch
import torchvision
from torch import nn
from torchvision.ops.misc import FrozenBatchNorm2d

SEED = 14


def frozen(module):
    """Replaces every BatchNorm2d below module by a FrozenBatchNorm2d with its statistics."""
    for name, child in module.named_children():
        if isinstance(child, nn.BatchNorm2d):
            replacement = FrozenBatchNorm2d(child.num_features, eps=child.eps)
            for buffer in ("weight", "bias", "running_mean", "running_var"):
                getattr(replacement, buffer).copy_(getattr(child, buffer).detach())
            setattr(module, name, replacement)
        else:
            frozen(child)
    return module


def calibrated_resnet50(size):
    torch.manual_seed(SEED)
    model = torchvision.models.resnet50(weights=None, num_classes=2)
    for m in model.modules():
        if isinstance(m, nn.BatchNorm2d):
            m.momentum = None  # cumulative average over the calibration batches
    model.train()
    with torch.no_grad():
        for _ in range(2):
            model(torch.rand(4, 3, size, size) * 2 - 1)
    return frozen(model.eval())


def pieces(model):
    return {
        "stem": nn.Sequential(model.conv1, model.bn1, model.relu, model.maxpool, model.layer1, model.layer2),
        "layer3": model.layer3,
        "layer4": model.layer4,
        "head": nn.Sequential(model.avgpool, nn.Flatten(), model.fc),
    }


def save(path, tensor):
    path.write_bytes(tensor.detach().contiguous().to(torch.float32).numpy().astype("<f4").tobytes())


def main():
    out = pathlib.Path(sys.argv[1])
    size = int(sys.argv[2])
    out.mkdir(parents=True, exist_ok=True)
    model = calibrated_resnet50(size)
    x = torch.rand(2, 3, size, size, generator=torch.Generator().manual_seed(SEED)) * 2 - 1
    activation = x
    for name, piece in pieces(model).items():
        with torch.no_grad():
            torch.jit.trace(piece, activation).save(str(out / (name + ".pt")))
            activation = piece(activation)
    save(out / "input.bin", x)
    logits, gradients = reference_pass(copy.deepcopy(model).double(), x.double())
    save(out / "logits.bin", logits)
    for name, gradient in gradients.items():
        save(out / (name + "_gradient.bin"), gradient)
    print("exported", sorted(p.name for p in out.iterdir()))


def reference_pass(model, x):
    """Logits and tap gradients of the sum of the target logits (classes 0 and 1)."""
    activation = x
    taps = {}
    for name, piece in pieces(model).items():
        activation = piece(activation)
        if name in ("layer3", "layer4"):
            activation.retain_grad()
            taps[name] = activation
    activation[0, 0].add(activation[1, 1]).backward()
    return activation, {name: tap.grad for name, tap in taps.items()}


if __name__ == "__main__":
    main()
