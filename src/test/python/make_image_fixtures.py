"""Writes the small colour-space fixtures of DecodedImageTest (run with Debian's /usr/bin/python3).

Each file is a uniform 16x16 image whose intended grey level is in its name, stored the way
real-world files sometimes are: CMYK JPEG (as Photoshop writes it, with an Adobe marker and
inverted values), and an RGB JPEG carrying an embedded sRGB ICC profile.
"""
import pathlib

from PIL import Image, ImageCms

out = pathlib.Path(__file__).resolve().parents[1] / "resources" / "images"
out.mkdir(parents=True, exist_ok=True)

grey = Image.new("RGB", (16, 16), (51, 51, 51))  # 0.2 of full scale
grey.convert("CMYK").save(out / "cmyk-grey-051.jpg", quality=100)

srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
Image.new("RGB", (16, 16), (204, 102, 51)).save(out / "srgb-icc-204-102-051.jpg", quality=100, icc_profile=srgb)
