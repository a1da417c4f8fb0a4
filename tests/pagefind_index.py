"""Reading the search index a build wrote (``pagefind/``), as the browser's search would.

Each indexed page is one fragment file: gzip-compressed, a ``pagefind_dcd`` signature, then
JSON with the page's URL, its indexed text, its metadata (title, kind, date) and filters.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

SIGNATURE = b"pagefind_dcd"


def read_chunk(path: Path) -> bytes:
    data = gzip.decompress(path.read_bytes())
    assert data.startswith(SIGNATURE), f"{path} is not a Pagefind file"
    return data[len(SIGNATURE) :]


def indexed_pages(site: Path) -> dict[str, dict[str, Any]]:
    """Every page in the index by its site-relative URL (``news/2019/05/olimpiada/``)."""
    pages = {}
    for fragment in sorted((site / "pagefind" / "fragment").glob("*.pf_fragment")):
        page = json.loads(read_chunk(fragment))
        pages[page["url"].lstrip("/")] = page
    assert pages, f"no page in the search index of {site}"
    return pages
