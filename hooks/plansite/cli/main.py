"""The editors' command line: ``plansite new | check | build | serve | edit``: the entry point.

Every message is in Russian, for the editors who write the plan and the news. The core does
not import MkDocs: ``build`` and ``serve`` run it as a subprocess (``python -m mkdocs``),
whose hooks run the same :func:`plansite.site.generate_site` that ``check`` runs.

Exit status: 0 success, 1 problems found in the project (or a file that already exists),
2 a wrong command line or a wrong value given to it; ``build`` and ``serve`` return MkDocs's.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import NoReturn

from plansite.cli.args import build_parser, command_parser
from plansite.cli.check import run_check
from plansite.cli.edit import run_edit
from plansite.cli.engine import run_build, run_serve
from plansite.cli.errors import EXIT_PROBLEMS, EXIT_USAGE, PROG, CliError
from plansite.cli.new import run_new
from plansite.cli.project import find_project
from plansite.settings import SettingError


def main(argv: Sequence[str] | None = None) -> NoReturn:
    sys.exit(run(sys.argv[1:] if argv is None else list(argv)))


def run(argv: list[str]) -> int:
    parser = build_parser()
    args, extra = parser.parse_known_args(argv)
    if args.command is None:
        parser.print_help()
        return EXIT_USAGE
    if extra and args.command not in ("build", "serve"):
        command_parser(parser, args.command).error(f"unrecognized arguments: {' '.join(extra)}")
    try:
        project = find_project(args.project)
        if args.command == "new":
            return run_new(args, project)
        if args.command == "check":
            return run_check(project, publish=args.publish)
        if args.command == "edit":
            return run_edit(args, project)
        if args.command == "build":
            return run_build(project, extra)
        return run_serve(project, extra)
    except CliError as error:
        for line in str(error).splitlines():  # one line for each value refused
            print(f"{PROG} {args.command}: ошибка: {line}", file=sys.stderr)
        return error.status
    except SettingError as error:
        print(f"{PROG} {args.command}: ошибка: {error}", file=sys.stderr)
        return EXIT_PROBLEMS
    except KeyboardInterrupt:
        print(f"\n{PROG} {args.command}: прервано.", file=sys.stderr)
        return 130
