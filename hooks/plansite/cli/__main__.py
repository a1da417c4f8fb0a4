"""``python -m plansite.cli``."""

from plansite.cli.main import main

main()
