"""The editors' command line, run as a real process in a copy of the project."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

import pytest
import yaml
from slugify import slugify

from conftest import BUILD_EPOCH
from plansite.cli.main import run as cli_run
from plansite.problems import ProblemsFound
from plansite.russian import plural
from plansite.site import load_sources
from plansite.urls import post_slug

BUILD_TIME = datetime.fromtimestamp(int(BUILD_EPOCH), tz=timezone.utc)
TODAY = "2019-05-01"  # BUILD_EPOCH in Moscow time: the default date of a new post
PROBLEM_LINE = re.compile(r"^(?:data|news)/[^:\n]+:\d+: [^:\n]+: \S.*$")
ENGLISH_HELP = ("usage:", "options:", "positional arguments", "show this help", "error:")


def plansite(
    project: Path, *args: str, input: str | None = None, **env: str
) -> subprocess.CompletedProcess[str]:
    """Run ``plansite ARGS`` in ``project`` as an editor would (build time fixed)."""
    environment = {**os.environ, "SOURCE_DATE_EPOCH": BUILD_EPOCH, "PYTHONIOENCODING": "utf-8"}
    environment.pop("NO_MKDOCS_2_WARNING", None)  # the command line must set it itself
    environment.update(env)
    return subprocess.run(
        [sys.executable, "-m", "plansite.cli", *args],
        cwd=project,
        input=input,
        env=environment,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=300,
    )


def front_matter(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    assert text.startswith("---\n"), text
    head, _, body = text[4:].partition("\n---\n")
    assert body.strip(), text
    return yaml.safe_load(head)


def printed_url(stdout: str) -> str:
    match = re.search(r"^Адрес страницы: (/news/\S+/)$", stdout, re.MULTILINE)
    assert match, stdout
    return match.group(1)


SHIPPED_SUMMARY = (
    "Записей: 12 (опубликовано 4, черновиков 0, запланировано 8); мероприятий: 23; с отчётами: 4."
)
"""The shipped project on 2019-05-01 (BUILD_EPOCH): four posts out, eight dated later."""


# --- help and usage errors -----------------------------------------------------------------


@pytest.mark.parametrize("command", [[], ["new"], ["check"], ["build"], ["serve"]])
def test_help_is_russian(project: Path, command: list[str]) -> None:
    result = plansite(project, *command, "--help")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"Использование: plansite {' '.join(command)}".rstrip())
    assert "параметры:" in result.stdout
    assert "показать эту справку и выйти" in result.stdout
    for english in ENGLISH_HELP:
        assert english not in result.stdout.lower()


def test_help_lists_the_commands(project: Path) -> None:
    result = plansite(project, "--help")
    for command in ("new", "check", "build", "serve"):
        assert re.search(rf"^\s+{command}\s+\S", result.stdout, re.MULTILINE), command


def test_installed_console_script(project: Path) -> None:
    scripts = Path(sys.executable).parent
    script = next(
        (path for path in (scripts / "plansite", scripts / "plansite.exe") if path.exists()), None
    )
    assert script is not None, "pip install -e . installs the plansite command"
    result = subprocess.run(
        [str(script), "--help"], cwd=project, capture_output=True, text=True, encoding="utf-8"
    )
    assert result.returncode == 0
    assert result.stdout.startswith("Использование: plansite")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["frob"], "неизвестная команда 'frob'"),
        (["check", "--strict"], "неизвестные параметры: --strict"),
        (["new", "--title"], "параметр --title: нужно указать значение"),
    ],
)
def test_usage_errors_are_russian(project: Path, args: list[str], message: str) -> None:
    result = plansite(project, *args)
    assert result.returncode == 2
    assert result.stderr.startswith("Использование: plansite")
    assert message in result.stderr
    assert "error:" not in result.stderr


def test_outside_a_project(tmp_path: Path) -> None:
    result = plansite(tmp_path, "check")
    assert result.returncode == 2
    assert "нет файла mkdocs.yml: это не проект plansite" in result.stderr
    assert "Traceback" not in result.stderr


def test_project_option(project: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    result = plansite(elsewhere, "check", "--project", str(project))
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("Записей: ")


# --- new -----------------------------------------------------------------------------------


def test_new_with_flags(project: Path) -> None:
    result = plansite(
        project,
        "new",
        "--title",
        "ТОС и благоустройство: опыт «Сычёвки»",
        "--date",
        "2019-04-25",
        "--category",
        "branch",
        "--municipality",
        "Сычёвский",
        "--municipality",
        "smolensk",
        "--plan",
        "thematic-lessons",
        "--tag",
        "ТОС",
        "--tag",
        "yes",
    )
    assert result.returncode == 0, result.stderr
    source = "news/2019/2019-04-25-tos-i-blagoustroistvo-opyt-sychevki.md"
    path = project / source
    assert front_matter(path) == {
        "title": "ТОС и благоустройство: опыт «Сычёвки»",
        "date": datetime(2019, 4, 25).date(),
        "category": "Деятельность отделения",
        "municipality": ["Сычевский район", "город Смоленск"],
        "plan": ["thematic-lessons"],
        "tags": ["ТОС", "yes"],
    }
    text = path.read_text(encoding="utf-8")
    assert "Напишите здесь первый абзац: он станет анонсом записи." in text
    assert "\n## " in text
    assert f"Создана запись: {source}" in result.stdout
    assert printed_url(result.stdout) == f"/news/2019/04/{post_slug(source)}/"
    assert "Запись будет опубликована при следующей сборке." in result.stdout
    checked = plansite(project, "check")
    assert checked.returncode == 0, checked.stdout


def test_new_flags_may_list_values_with_commas(project: Path) -> None:
    result = plansite(
        project,
        "new",
        "--title",
        "Круглый стол",
        "--category",
        "branch",
        "--municipality",
        "Вяземский, Сафоновский",
        "--plan",
        "thematic-lessons, best-practices",
    )
    assert result.returncode == 0, result.stderr
    meta = front_matter(project / f"news/2019/{TODAY}-kruglyi-stol.md")
    assert meta["municipality"] == ["Вяземский район", "Сафоновский район"]
    assert meta["plan"] == ["thematic-lessons", "best-practices"]


def test_new_minimal_front_matter(project: Path) -> None:
    result = plansite(
        project, "new", "--title", "Заседание", "--category", "Деятельность отделения"
    )
    assert result.returncode == 0, result.stderr
    path = project / f"news/2019/{TODAY}-zasedanie.md"
    assert front_matter(path) == {
        "title": "Заседание",
        "date": datetime(2019, 5, 1).date(),
        "category": "Деятельность отделения",
    }


def test_new_slug_and_long_title(project: Path) -> None:
    title = "Очень длинный заголовок " * 8
    result = plansite(project, "new", "--title", title, "--category", "branch")
    assert result.returncode == 0, result.stderr
    [path] = (project / "news/2019").glob(f"{TODAY}-ochen-*.md")
    slug, full = path.stem.removeprefix(f"{TODAY}-"), slugify(title)
    assert len(slug) <= 60
    assert full.startswith(slug + "-")  # cut on a word boundary
    given = plansite(project, "new", "--title", title, "--category", "branch", "--slug", "Uroki")
    assert given.returncode == 0, given.stderr
    assert (project / f"news/2019/{TODAY}-uroki.md").exists()
    assert printed_url(given.stdout) == "/news/2019/05/uroki/"


def test_new_draft(project: Path) -> None:
    result = plansite(project, "new", "--title", "Черновик", "--category", "branch", "--draft")
    assert result.returncode == 0, result.stderr
    assert front_matter(project / f"news/2019/{TODAY}-chernovik.md")["draft"] is True
    assert "Это черновик: " in result.stdout
    assert "будет опубликована" not in result.stdout
    checked = plansite(project, "check")
    assert checked.returncode == 0, checked.stdout
    assert "черновиков 1" in checked.stdout


def test_new_in_the_future_is_scheduled(project: Path) -> None:
    result = plansite(
        project, "new", "--title", "Съезд", "--category", "branch", "--date", "2019-10-01"
    )
    assert result.returncode == 0, result.stderr
    note = "появится на сайте при первой сборке начиная с 1 октября 2019 г."
    assert note in result.stdout.replace("\u202f", " ")


def test_new_with_a_time(project: Path) -> None:
    result = plansite(
        project, "new", "--title", "Семинар", "--category", "branch", "--date", "2019-04-19 10:30"
    )
    assert result.returncode == 0, result.stderr
    assert front_matter(project / "news/2019/2019-04-19-seminar.md")["date"] == "2019-04-19 10:30"
    posts = load_sources(project, BUILD_TIME).news.posts
    (post,) = [p for p in posts if p.source == "news/2019/2019-04-19-seminar.md"]
    assert post.published == datetime(2019, 4, 19, 7, 30, tzinfo=timezone.utc)
    assert not post.date_only


@pytest.mark.parametrize(
    ("flags", "fields"),
    [
        (["--title", "Т" * 301], {"title": "Т" * 301}),
        (["--date", "2019-02-30"], {"date": "2019-02-30"}),
        (["--date", "19.04.2019"], {"date": "19.04.2019"}),
        (["--category", "Деятельность отдела"], {"category": "Деятельность отдела"}),
        (["--municipality", "Вязьма"], {"municipality": "Вязьма"}),
        (["--plan", "thematic-lesson"], {"plan": "thematic-lesson"}),
        (["--plan", "thematic-lessons", "--date", "2021-03-01"], {"date": "2021-03-01"}),
    ],
    ids=["title", "date", "date-format", "category", "municipality", "plan", "plan-year"],
)
def test_new_and_the_loader_refuse_a_value_in_the_same_words(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys, flags: list[str], fields: dict
) -> None:
    """One rule, one message: what ``plansite new`` says after the flag is what the build
    says about the same value in a post's front matter."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", BUILD_EPOCH)
    args = ["--title", "Заседание", "--category", "branch", *flags]
    assert cli_run(["new", "--project", str(project), *args]) == 2
    said = capsys.readouterr().err
    meta = {"title": "Заседание", "date": "2019-04-19", "category": "branch", **fields}
    meta |= {"plan": "thematic-lessons"} if "plan" not in fields and "--plan" in flags else {}
    lines = "".join(f"{key}: {value}\n" for key, value in meta.items())
    (project / "news/2019/bad.md").write_text(f"---\n{lines}---\n\nТекст.\n", "utf-8")
    with pytest.raises(ProblemsFound) as found:
        load_sources(project, BUILD_TIME)
    (problem,) = [p for p in found.value.problems if p.file == "news/2019/bad.md"]
    assert said == f"plansite new: ошибка: {flags[0]}: {problem.message}\n"


def test_new_creates_the_year_folder(project: Path) -> None:
    result = plansite(
        project, "new", "--title", "Итоги", "--category", "branch", "--date", "2021-01-15"
    )
    assert result.returncode == 0, result.stderr
    assert (project / "news/2021/2021-01-15-itogi.md").is_file()
    assert printed_url(result.stdout) == "/news/2021/01/itogi/"


def test_new_refuses_to_overwrite(project: Path) -> None:
    args = ("new", "--title", "Заседание", "--category", "branch")
    assert plansite(project, *args).returncode == 0
    path = project / f"news/2019/{TODAY}-zasedanie.md"
    path.write_text(path.read_text(encoding="utf-8") + "\nМой текст.\n", encoding="utf-8")
    again = plansite(project, *args)
    assert again.returncode == 1
    assert "уже есть: существующая запись не перезаписывается" in again.stderr
    assert path.read_text(encoding="utf-8").endswith("Мой текст.\n")


def test_new_refuses_an_address_another_post_has(project: Path) -> None:
    folder = project / "news/2019/zasedanie"
    folder.mkdir()
    (folder / "index.md").write_text(
        "---\ntitle: Было\ndate: 2019-05-03\ncategory: branch\n---\n\nТекст.\n", encoding="utf-8"
    )
    result = plansite(project, "new", "--title", "Заседание", "--category", "branch")
    assert result.returncode == 1
    assert "адрес /news/2019/05/zasedanie/ уже занят записью news/2019/zasedanie/index.md" in (
        result.stderr
    )
    assert not (project / f"news/2019/{TODAY}-zasedanie.md").exists()


def test_new_bad_category(project: Path) -> None:
    result = plansite(project, "new", "--title", "X", "--category", "Деятельность отдела")
    assert result.returncode == 2
    assert result.stderr.startswith(
        "plansite new: ошибка: --category: неизвестная категория «Деятельность отдела». "
        "Возможно, имелось в виду «Деятельность отделения»."
    )
    assert not list((project / "news").rglob(f"{TODAY}-*.md"))


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--date", "2019-04-31"], "--date: такой даты нет: 2019-04-31."),
        (["--date", "19.04.2019"], "--date: «19.04.2019» — не дата"),
        (
            ["--municipality", "Сафоновкий", "--municipality", "Вязьма"],
            "plansite new: ошибка: --municipality: неизвестное муниципальное образование "
            "«Сафоновкий». Возможно, имелось в виду «Сафоновский район».\n"
            "plansite new: ошибка: --municipality: неизвестное муниципальное образование "
            "«Вязьма». Названия и идентификаторы — в data/municipalities.yaml.\n",
        ),
        (
            ["--plan", "thematic-lesson"],
            "--plan: в плане 2019 года нет мероприятия «thematic-lesson». "
            "Возможно, имелось в виду «thematic-lessons».",
        ),
        (["--date", "2019-04-19 25:00"], "--date: «2019-04-19 25:00» — не дата"),
        (["--date", "2021-03-01", "--plan", "thematic-lessons"], "--plan: плана на 2021 год нет"),
        (["--slug", "!!!"], "--slug: из «!!!» не получается имя файла"),
    ],
)
def test_new_bad_values(project: Path, args: list[str], message: str) -> None:
    result = plansite(project, "new", "--title", "Заседание", "--category", "branch", *args)
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert not list((project / "news").rglob("*zasedanie*"))


def test_new_requires_title_and_category(project: Path) -> None:
    no_title = plansite(project, "new", "--category", "branch")
    assert no_title.returncode == 2
    assert "укажите заголовок: --title" in no_title.stderr
    no_category = plansite(project, "new", "--title", "X")
    assert no_category.returncode == 2
    assert "укажите категорию: --category" in no_category.stderr


def test_new_asks_in_the_terminal(project: Path) -> None:
    answers = "Собрание в Сычёвке\n\n2\nСычёвский район\nmunicipal-info-collection\n"
    result = plansite(project, "new", input=answers)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2. Ситуация в муниципальных образованиях (municipalities)" in result.stdout
    assert "список — на странице /plan/2019/ или в data/plan.yaml".lower() in result.stdout.lower()
    path = project / f"news/2019/{TODAY}-sobranie-v-sychevke.md"
    assert front_matter(path) == {
        "title": "Собрание в Сычёвке",
        "date": datetime(2019, 5, 1).date(),
        "category": "Ситуация в муниципальных образованиях",
        "municipality": ["Сычевский район"],
        "plan": ["municipal-info-collection"],
    }
    assert printed_url(result.stdout) == "/news/2019/05/sobranie-v-sychevke/"
    checked = plansite(project, "check")
    assert checked.returncode == 0, checked.stdout


def test_new_asks_again_after_a_bad_answer(project: Path) -> None:
    answers = (
        "\n"  # empty title
        "Собрание\n"
        "2019-02-30\n"  # no such day
        "2019-04-20\n"
        "7\n"  # no such category number
        "Деятельность отдела\n"
        "branch\n"
        "Сафоновкий, Вязьма\n"
        "Сафоновский, vyazemsky\n"
        "thematic-lesson\n"
        "thematic-lessons\n"
    )
    result = plansite(project, "new", input=answers)
    assert result.returncode == 0, result.stdout + result.stderr
    out = result.stdout
    assert "Не подходит: поле пустое: впишите значение." in out
    assert "Не подходит: такой даты нет: 2019-02-30." in out
    assert "Не подходит: категории с номером 7 нет" in out
    assert "Возможно, имелось в виду «Деятельность отделения»." in out
    assert (
        "  Не подходит: неизвестное муниципальное образование «Сафоновкий». "
        "Возможно, имелось в виду «Сафоновский район».\n"
        "  Не подходит: неизвестное муниципальное образование «Вязьма». "
    ) in out
    assert "нет мероприятия «thematic-lesson». Возможно, имелось в виду «thematic-lessons»." in out
    meta = front_matter(project / "news/2019/2019-04-20-sobranie.md")
    assert meta["category"] == "Деятельность отделения"
    assert meta["municipality"] == ["Сафоновский район", "Вяземский район"]
    assert meta["plan"] == ["thematic-lessons"]


def test_new_stops_when_the_answers_end(project: Path) -> None:
    result = plansite(project, "new", input="Собрание\n")
    assert result.returncode == 1
    assert "запись не создана" in result.stderr
    assert "Traceback" not in result.stderr
    assert not list((project / "news").rglob("*sobranie*"))


# --- check ---------------------------------------------------------------------------------


def test_check_shipped_project(project: Path) -> None:
    result = plansite(project, "check")
    assert result.returncode == 0, result.stdout
    assert result.stdout == SHIPPED_SUMMARY + "\n"
    assert result.stderr == ""


def test_check_counts_now(project: Path) -> None:
    """Without SOURCE_DATE_EPOCH every shipped post (all of 2019) is published."""
    result = plansite(project, "check", SOURCE_DATE_EPOCH="")
    assert result.returncode == 0, result.stdout
    posts = len(list((project / "news").rglob("*.md")))
    assert result.stdout.startswith(
        f"Записей: {posts} (опубликовано {posts}, черновиков 0, запланировано 0); мероприятий: 23; "
    )


def break_project(project: Path) -> None:
    """Two broken posts and a broken plan."""
    lessons = project / "news/2019/2019-04-19-тематические-уроки.md"
    text = lessons.read_text(encoding="utf-8")
    lessons.write_text(
        text.replace("category: Деятельность отделения", "category: Деятельность отдела"),
        encoding="utf-8",
    )
    olympiad = project / "news/2019/2019-05-16-olimpiada.md"
    text = olympiad.read_text(encoding="utf-8")
    olympiad.write_text(re.sub(r"date: .*", "date: 2019-04-31", text, count=1), encoding="utf-8")
    plan = project / "data/plan.yaml"
    text = plan.read_text(encoding="utf-8")
    plan.write_text(text.replace("  - year: 2019", "  - year: 2019 год", 1), encoding="utf-8")


def test_check_broken_project(project: Path) -> None:
    break_project(project)
    result = plansite(project, "check")
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    *problems, last = result.stdout.splitlines()
    assert len(problems) >= 3
    for line in problems:
        assert PROBLEM_LINE.match(line), line
    assert problems == sorted(problems, key=lambda line: line.split(":")[0])
    assert any(line.startswith("data/plan.yaml:") for line in problems)
    assert (
        "news/2019/2019-04-19-тематические-уроки.md:4: category: неизвестная категория "
        "«Деятельность отдела». Возможно, имелось в виду «Деятельность отделения»."
    ) in result.stdout
    assert "news/2019/2019-05-16-olimpiada.md:3: date: такой даты нет: 2019-04-31." in (
        result.stdout
    )
    count = plural(len(problems), "ошибка", "ошибки", "ошибок")
    assert last == f"Найдено: {count}. Исправьте и проверьте снова: с ошибками сайт не соберётся."


def test_check_writes_no_site(project: Path) -> None:
    """check renders every page but publishes nothing: the project is left as it was,
    apart from the body cache."""

    def tree() -> dict[str, bytes]:
        return {
            path.relative_to(project).as_posix(): path.read_bytes()
            for path in sorted(project.rglob("*"))
            if path.is_file() and ".cache" not in path.relative_to(project).parts
        }

    before = tree()
    result = plansite(project, "check")
    assert result.returncode == 0, result.stdout
    assert tree() == before
    assert not (project / "site").exists()


# --- build ---------------------------------------------------------------------------------


def test_build(project: Path, tmp_path: Path) -> None:
    site = tmp_path / "built"
    result = plansite(project, "build", "--strict", "-d", str(site))
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert result.stdout.splitlines()[-1] == SHIPPED_SUMMARY
    assert "Zensical" not in output
    assert "end of life" not in output.lower()
    assert (site / "index.html").is_file()
    assert (site / "plan/2019/index.html").is_file()


def test_build_stops_on_problems(project: Path, tmp_path: Path) -> None:
    break_project(project)
    result = plansite(project, "build", "-d", str(tmp_path / "built"))
    assert result.returncode == 1
    assert "Записей:" not in result.stdout
    assert "news/2019/2019-05-16-olimpiada.md:3: date: такой даты нет" in result.stderr
    assert "Сайт не собран" in result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr


def test_new_check_build(project: Path, tmp_path: Path) -> None:
    created = plansite(
        project,
        "new",
        "--title",
        "Семинар в Рославле",
        "--category",
        "Лучшие практики муниципального управления",
        "--municipality",
        "Рославльский",
        "--plan",
        "best-practices",
    )
    assert created.returncode == 0, created.stderr
    url = printed_url(created.stdout)
    checked = plansite(project, "check")
    assert checked.returncode == 0, checked.stdout
    site = tmp_path / "built"
    built = plansite(project, "build", "--strict", "-d", str(site))
    assert built.returncode == 0, built.stdout + built.stderr
    page = site / url.strip("/") / "index.html"
    assert page.is_file(), url
    html = page.read_text(encoding="utf-8")
    assert "Семинар в Рославле" in html
    assert "Напишите здесь первый абзац" in html
    assert built.stdout.splitlines()[-1] == checked.stdout.strip()


@pytest.mark.parametrize(
    "args",
    [
        [
            "--title",
            "Ёлочный базар",
            "--date",
            "2019-04-30",
            "--slug",
            "2019-04-30 Тематические уроки",
        ],
        ["--title", "Совещание № 1: итоги года", "--date", "2019-01-31"],
    ],
    ids=["cyrillic-dated-slug", "slug-from-title"],
)
def test_new_announces_the_address_the_build_publishes(
    project: Path, tmp_path: Path, args: list[str]
) -> None:
    """The address ``plansite new`` prints is where the built site puts the post's page."""
    created = plansite(project, "new", "--category", "branch", *args)
    assert created.returncode == 0, created.stderr
    url = printed_url(created.stdout)
    site = tmp_path / "built"
    built = plansite(project, "build", "--strict", "-d", str(site))
    assert built.returncode == 0, built.stdout + built.stderr
    page = site / url.strip("/") / "index.html"
    assert page.is_file(), (url, sorted(p.parent.name for p in site.glob("news/*/*/*/index.html")))
    assert args[1] in page.read_text(encoding="utf-8")


def test_kept_post_readings_follow_the_build_time(project: Path) -> None:
    """Posts read once are kept in .cache/, yet whether each is scheduled follows the build
    time of every run, the same as without the cache."""
    later = str(int(datetime(2031, 1, 1, tzinfo=timezone.utc).timestamp()))
    first = plansite(project, "check")
    assert "опубликовано 4, черновиков 0, запланировано 8" in first.stdout, first.stdout
    assert (project / ".cache" / "plansite" / "readings.pickle").is_file()
    after = plansite(project, "check", SOURCE_DATE_EPOCH=later)
    assert "опубликовано 12, черновиков 0, запланировано 0" in after.stdout, after.stdout
    again = plansite(project, "check")
    assert again.stdout == first.stdout
