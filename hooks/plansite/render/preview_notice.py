"""The preview's notice of a failed rebuild, shown at the top of every page.

Under ``plansite serve`` / ``plansite edit`` a save that breaks the build leaves the last
good site on show; the preview script on every page polls a small JSON file and, while it
lists problems, shows them above the page as ``file:line: field: message`` with what to do.
The next good build writes the file empty again and the notice goes. Published builds have
neither the script nor the file.
"""

from __future__ import annotations

import html
import json
from collections.abc import Sequence

from plansite.problems import Problem
from plansite.russian import plural

NOTICE_ID = "plansite-problems"


def notice_html(problems: Sequence[Problem]) -> str:
    """The notice itself: what happened, each problem, and what to do."""
    count = plural(len(problems), "ошибка", "ошибки", "ошибок")
    items = "".join(f"<li><code>{html.escape(str(problem))}</code></li>" for problem in problems)
    return (
        f'<div id="{NOTICE_ID}" class="plansite-problems" role="alert">'
        f"<p><strong>Сайт не пересобран: {count} в данных.</strong> "
        "Ниже — последняя удачная версия сайта.</p>"
        f"<ul>{items}</ul>"
        "<p>Откройте файл, исправьте строку с указанным номером (что исправить, сказано "
        "после двоеточия) и сохраните: страница обновится сама, и это сообщение исчезнет.</p>"
        "</div>"
    )


def problems_document(problems: Sequence[Problem]) -> bytes:
    """What the preview script reads: the notice's HTML, or nothing to show."""
    document = {"html": notice_html(problems) if problems else ""}
    return json.dumps(document, ensure_ascii=False).encode("utf-8")
