"""The benchmark's generated posts (``benchmarks/corpus.py``), for tests that need many posts.

``benchmarks/`` is not a package, so the module is loaded from its file once and registered
as ``corpus`` (its dataclasses need a module name to live in).
"""

from __future__ import annotations

import importlib.util
import sys
from types import ModuleType

from conftest import ROOT


def _load() -> ModuleType:
    spec = importlib.util.spec_from_file_location("corpus", ROOT / "benchmarks" / "corpus.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["corpus"] = module
    spec.loader.exec_module(module)
    return module


corpus = sys.modules.get("corpus") or _load()
