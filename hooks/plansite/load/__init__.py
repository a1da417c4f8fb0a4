"""Reading and validating the editors' files: the only code that opens ``data/`` and ``news/``."""
