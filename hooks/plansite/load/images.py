"""Picture dimensions, so pages reserve their space before the picture arrives."""

from __future__ import annotations

import io

import imagesize


def picture_size(content: bytes) -> tuple[int, int] | None:
    """Width and height in pixels read from the file's header, or None if unknown."""
    width, height = imagesize.get(io.BytesIO(content))
    if width <= 0 or height <= 0:
        return None
    return round(width), round(height)


def size_attributes(content: bytes) -> str:
    """`` width=1200 height=630`` for an attribute list, or an empty string."""
    size = picture_size(content)
    return f" width={size[0]} height={size[1]}" if size else ""
