"""``plansite check``: everything the build does with ``data/``, ``news/`` and ``docs/``,
short of writing the site.

It runs :func:`plansite.site.generate_site`, the same loading, validation and rendering the
site engine runs before it writes the first page, so an input ``check`` passes builds, and an
input the build refuses, ``check`` refuses with the same messages.
"""

from __future__ import annotations

from pathlib import Path

from plansite.cli.errors import EXIT_OK, EXIT_PROBLEMS, CliError
from plansite.cli.project import configuration, configured_site_url
from plansite.cli.publish import publish_problems
from plansite.load.navigation import nav_paths
from plansite.model import PostStatus
from plansite.problems import Problem, ProblemsFound
from plansite.russian import plural
from plansite.settings import SettingError, build_time_from_env
from plansite.site import (
    BuildSettings,
    SiteContent,
    Sources,
    generate_site,
)


def summary_line(sources: Sources) -> str:
    """«Записей: 12 (опубликовано 11, черновиков 1, запланировано 0); мероприятий: 23; …»."""
    news = sources.news
    activities = sum(len(plan.activities) for plan in sources.plan_data.plans)
    reported = {
        ref for post in news.posts if post.status is PostStatus.PUBLISHED for ref in post.plan_refs
    }
    return (
        f"Записей: {len(news.posts)} (опубликовано {len(news.published)}, "
        f"черновиков {len(news.drafts)}, запланировано {len(news.scheduled)}); "
        f"мероприятий: {activities}; с отчётами: {len(reported)}."
    )


def generate(project: Path) -> tuple[SiteContent | None, list[Problem]]:
    """``(content, problems)``: the site as ``mkdocs build`` would generate it now, or the
    sorted list of problems that would stop it."""
    config = configuration(project)
    site_url = configured_site_url(config)  # refused here as the build refuses it
    try:
        build_time = build_time_from_env()
    except SettingError as error:
        raise CliError(str(error), EXIT_PROBLEMS) from error
    settings = BuildSettings(project, site_url, build_time, nav=nav_paths(config.get("nav")))
    try:
        return generate_site(settings), []
    except ProblemsFound as found:
        return None, found.problems


def run_check(project: Path, publish: bool = False) -> int:
    content, problems = generate(project)
    if content is None:
        for problem in problems:
            print(problem)
        count = plural(len(problems), "ошибка", "ошибки", "ошибок")
        print(f"Найдено: {count}. Исправьте и проверьте снова: с ошибками сайт не соберётся.")
        return EXIT_PROBLEMS
    print(summary_line(content.sources))
    removed = content.sources.news.removed_control_chars
    if removed:
        chars = plural(removed, "управляющий символ", "управляющих символа", "управляющих символов")
        print(f"При сборке из записей будут удалены {chars} (вставлены из офисных документов).")
    return check_ready_to_publish(project, content.sources) if publish else EXIT_OK


def check_ready_to_publish(project: Path, sources: Sources) -> int:
    """``--publish``: refuse a site that still has the shipped placeholders."""
    organization, posts = sources.plan_data.organization, sources.news.posts
    problems = publish_problems(
        project, organization, posts, configured_site_url(configuration(project))
    )
    for problem in problems:
        print(problem)
    if not problems:
        print("К публикации готово: контакты, адрес сайта и записи настоящие.")
        return EXIT_OK
    count = plural(len(problems), "замечание", "замечания", "замечаний")
    print(f"Сайт не готов к публикации: {count}. Исправьте и проверьте снова.")
    return EXIT_PROBLEMS
