"""The editors' command line: ``plansite new | check | build | serve``."""
