"""Writes the TorchScript fixture of TorchScriptBackboneTest (docs/models.md, "TorchScript backbones").

Usage: /usr/bin/python3 make_torchscript_fixture.py OUT_DIR

A small CNN feature extractor at fixed random weights, with real BatchNorm2d layers whose running
statistics were calibrated on random images, split in two TorchScript files so that the lower
feature map is a tap too (MS GradCAM++):
  lower.pt   conv 3->8, BN, ReLU, conv 8->16 stride 2, BN, ReLU    (3x32x32 -> 16x16x16)
  upper.pt   conv 16->32 stride 2, BN, ReLU, conv 32->32, BN, ReLU (16x16x16 -> 32x8x8)
Both are scripted (not traced) and export running_stats(): every BatchNorm buffer, flattened, so a
test can prove them untouched; and flat.pt (global average pooling and flatten: a 2-D output,
which a backbone must refuse). Then, as an independent oracle computed with plain torch autograd
in double precision on the eval-mode network followed by a fixed head (global average pooling, a
linear layer 32 -> 2), for two fixed images with target classes 0 and 1:
  input.bin        (2, 3, 32, 32)
  head_weight.bin  (2, 32)   head_bias.bin (2)
  logits.bin       (2, 2)
  gradcam.bin      (2, 32, 32) GradCAM at upper's output
  layercam.bin     (2, 32, 32) LayerCAM at upper's output
Maps follow docs/cam-techniques.md: ReLU, bilinear upsampling with half-pixel centres
(align_corners=False), min-max to [0, 1]. Arrays are raw little-endian float32, row-major.
"""
import pathlib
import sys
from typing import List

import torch
import torch.nn.functional as F
from torch import nn

SEED = 13
SIZE = 32


class Stage(nn.Module):
    def __init__(self, cin: int, mid: int, cout: int, first_stride: int, second_stride: int):
        super().__init__()
        self.conv1 = nn.Conv2d(cin, mid, 3, stride=first_stride, padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(mid)
        self.conv2 = nn.Conv2d(mid, cout, 3, stride=second_stride, padding=1, bias=False)
        self.bn2 = nn.BatchNorm2d(cout)

    def forward(self, x):
        x = F.relu(self.bn1(self.conv1(x)))
        return F.relu(self.bn2(self.conv2(x)))

    @torch.jit.export
    def running_stats(self):
        parts: List[torch.Tensor] = [self.bn1.running_mean, self.bn1.running_var,
                                     self.bn2.running_mean, self.bn2.running_var]
        return torch.cat(parts)


def calibrated():
    torch.manual_seed(SEED)
    lower = Stage(3, 8, 16, 1, 2)
    upper = Stage(16, 32, 32, 2, 1)
    net = nn.Sequential(lower, upper)
    for m in net.modules():
        if isinstance(m, nn.BatchNorm2d):
            m.momentum = None
            with torch.no_grad():  # non-trivial affine parameters
                m.weight.uniform_(0.5, 1.5)
                m.bias.uniform_(-0.2, 0.2)
    net.train()
    with torch.no_grad():
        for _ in range(3):
            net(torch.rand(8, 3, SIZE, SIZE) * 2 - 1)
    for m in net.modules():
        if isinstance(m, nn.BatchNorm2d):
            m.momentum = 0.1  # PyTorch's default again for whoever fine-tunes the exported module
    return lower.eval(), upper.eval()


def save(path, tensor):
    path.write_bytes(tensor.detach().contiguous().to(torch.float32).numpy().astype("<f4").tobytes())


def normalised(raw):
    """ReLU, upsample to the input size, min-max per image (as the project's MapScaler)."""
    maps = F.relu(raw).unsqueeze(1)
    maps = F.interpolate(maps, size=(SIZE, SIZE), mode="bilinear", align_corners=False).squeeze(1)
    flat = maps.reshape(maps.shape[0], -1)
    low = flat.min(dim=1, keepdim=True).values
    high = flat.max(dim=1, keepdim=True).values
    return ((flat - low) / (high - low)).reshape(maps.shape)


def main():
    out = pathlib.Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    lower, upper = calibrated()
    torch.jit.script(lower).save(str(out / "lower.pt"))
    torch.jit.script(upper).save(str(out / "upper.pt"))
    torch.jit.script(nn.Sequential(nn.AdaptiveAvgPool2d(1), nn.Flatten())).save(str(out / "flat.pt"))

    generator = torch.Generator().manual_seed(SEED)
    x = torch.rand(2, 3, SIZE, SIZE, generator=generator) * 2 - 1
    head = nn.Linear(32, 2)
    with torch.no_grad():
        head.weight.copy_(torch.randn(2, 32, generator=generator) * 0.5)
        head.bias.copy_(torch.randn(2, generator=generator) * 0.1)
    targets = torch.tensor([0, 1])

    lower64, upper64, head64 = lower.double(), upper.double(), head.double()
    features = upper64(lower64(x.double()))
    features.retain_grad()
    logits = head64(features.mean(dim=(2, 3)))
    logits.gather(1, targets.unsqueeze(1)).sum().backward()
    a, g = features.detach(), features.grad
    gradcam = (g.mean(dim=(2, 3), keepdim=True) * a).sum(dim=1)
    layercam = (F.relu(g) * a).sum(dim=1)

    save(out / "input.bin", x)
    save(out / "head_weight.bin", head.weight)
    save(out / "head_bias.bin", head.bias)
    save(out / "logits.bin", logits)
    save(out / "gradcam.bin", normalised(gradcam))
    save(out / "layercam.bin", normalised(layercam))


if __name__ == "__main__":
    main()
