#!/usr/bin/env python3
"""Pillow's best ordinary effort at the benchmark's job, for photo-bench.

Usage: pillow_thumbs.py OUT_DIR PHOTO...
Writes OUT_DIR/648/<stem>.jpg and OUT_DIR/96/<stem>.jpg: centre-cropped squares,
quality 85, 4:2:0. One process for every photo, as a script over a folder would be.
"""

import os
import sys

from PIL import Image

BIG, SMALL, QUALITY = 648, 96, 85
SUBSAMPLING_420 = 2  # Pillow's code for 4:2:0


def centre_square(im):
    side = min(im.size)
    left = (im.width - side) // 2
    top = (im.height - side) // 2
    return im.crop((left, top, left + side, top + side))


def thumbnails(path, out_dir):
    stem = os.path.splitext(os.path.basename(path))[0]
    with Image.open(path) as im:
        # draft() makes libjpeg decode at the smallest DCT scale that keeps both sides
        # at least this big, so the centre square still covers the 648 output.
        im.draft("RGB", (BIG, BIG))
        square = centre_square(im.convert("RGB"))
        big = square.resize((BIG, BIG), Image.LANCZOS)
    big.save(os.path.join(out_dir, str(BIG), stem + ".jpg"), quality=QUALITY, subsampling=SUBSAMPLING_420)
    # The small one from the 648 rather than the decode, as a script written for speed
    # would: Pillow widens the filter by the reduction factor, so this is still a proper
    # Lanczos reduction.
    small = big.resize((SMALL, SMALL), Image.LANCZOS)
    small.save(os.path.join(out_dir, str(SMALL), stem + ".jpg"), quality=QUALITY, subsampling=SUBSAMPLING_420)


def main(argv):
    if len(argv) < 3:
        sys.stderr.write(__doc__)
        return 2
    out_dir = argv[1]
    for size in (BIG, SMALL):
        os.makedirs(os.path.join(out_dir, str(size)), exist_ok=True)
    for path in argv[2:]:
        thumbnails(path, out_dir)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
