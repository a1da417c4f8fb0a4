"""Write ``docs/assets/logo.png`` (the press kit's raster logo) from ``docs/assets/logo.svg``.

Run it after changing the SVG logo and commit both files::

    pip install cairosvg && python scripts/logo_png.py

The SVG draws in ``currentColor`` (the theme colours it); the PNG is drawn in the theme's
indigo on a transparent background, ``SCALE`` times the SVG's size. A test checks that the
committed PNG has the SVG's proportions at that scale, so the two cannot drift apart.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SVG = ROOT / "docs" / "assets" / "logo.svg"
PNG = ROOT / "docs" / "assets" / "logo.png"
SCALE = 512 / 24
"""The SVG's 24 × 24 view box becomes 512 × 512 pixels."""
COLOR = "#3f51b5"


def main() -> int:
    import cairosvg  # a tool for this script only, not a dependency of the site

    svg = SVG.read_text(encoding="utf-8").replace("currentColor", COLOR)
    cairosvg.svg2png(bytestring=svg.encode("utf-8"), write_to=str(PNG), scale=SCALE)
    print(f"wrote {PNG.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
