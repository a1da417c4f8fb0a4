"""Build settings, plan years, site addresses and the command line under hostile input.

The bad-input corpus (``tests/corpus``) holds the per-file cases; here are the ones that
need the command line, the environment or a whole build: ``SOURCE_DATE_EPOCH`` and
``PLANSITE_SITE_URL`` refused alike by ``plansite check`` and the build, a site served under
a path, several plan years, files that collide with generated pages, folders that cannot be
written or read.
"""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from datetime import date, datetime, timezone
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup

from conftest import BUILD_EPOCH, ROOT, run_mkdocs
from plansite.load.filetypes import read_failure
from plansite.load.plan import load_plan_data
from plansite.model import Plan, PlanData, Section
from plansite.problems import Problem, ProblemsFound
from plansite.render.home import home_page
from plansite.render.navigation import plan_nav
from plansite.render.plan_pages import plan_page, roman
from plansite.render.site_pages import featured_plan
from plansite.settings import SettingError, build_time_from_env, check_site_url
from plansite.urls import tag_slug

SITE = "https://example.org/"


def plansite(project: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "SOURCE_DATE_EPOCH": BUILD_EPOCH, **env}
    return subprocess.run(
        [sys.executable, "-m", "plansite.cli", *args],
        cwd=project,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
    )


# --------------------------------------------------------------------------- settings


@pytest.mark.parametrize("value", ["abc", "1e9", "-5", " 123", "123 ", "١٢٣", "0x10", "12.5"])
def test_source_date_epoch_must_be_plain_ascii_digits(value: str) -> None:
    with pytest.raises(SettingError, match=r"SOURCE_DATE_EPOCH=.* не целое число секунд"):
        build_time_from_env({"SOURCE_DATE_EPOCH": value})


def test_source_date_epoch_in_range() -> None:
    assert build_time_from_env({"SOURCE_DATE_EPOCH": "0"}) == datetime(
        1970, 1, 1, tzinfo=timezone.utc
    )
    with pytest.raises(SettingError, match="слишком поздняя дата"):
        build_time_from_env({"SOURCE_DATE_EPOCH": "99999999999999999999"})
    assert build_time_from_env({}).tzinfo is not None


@pytest.mark.parametrize(
    "value",
    [
        "",
        None,
        "smolensk.example",
        "javascript:alert(1)",
        "ftp://host/",
        "https://",
        "/sub/",
        "https://host/?a=1",
        "https://user@host/",
        "https://host:99999/",
        "https://ho st/",
    ],
)
def test_site_url_must_be_an_absolute_http_address(value: str | None) -> None:
    with pytest.raises(SettingError, match="адрес сайта"):
        check_site_url(value, "site_url в mkdocs.yml")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("https://host.example", "https://host.example/"),
        ("http://host.example/smolensk", "http://host.example/smolensk/"),
        ("HTTPS://host.example:8443/a/b/", "HTTPS://host.example:8443/a/b/"),
    ],
)
def test_site_url_is_kept_with_a_final_slash(value: str, expected: str) -> None:
    assert check_site_url(value, "site_url") == expected


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"SOURCE_DATE_EPOCH": "вчера"}, "SOURCE_DATE_EPOCH=«вчера» — не целое число секунд"),
        ({"PLANSITE_SITE_URL": "javascript:alert(1)"}, "адрес сайта «javascript:alert(1)»"),
        ({"PLANSITE_SITE_URL": "smolensk.example"}, "адрес сайта «smolensk.example»"),
    ],
    ids=["epoch", "javascript-url", "schemeless-url"],
)
def test_check_and_build_refuse_bad_settings_alike(
    project: Path, env: dict[str, str], message: str
) -> None:
    check = plansite(project, "check", **env)
    assert check.returncode == 1
    assert message in check.stderr
    build = run_mkdocs(project, **env, epoch=env.get("SOURCE_DATE_EPOCH", BUILD_EPOCH))
    assert build.returncode == 1
    assert "Traceback" not in build.output
    assert message in build.output
    assert not (build.site / "index.html").exists()


def test_a_missing_site_url_is_refused(project: Path) -> None:
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("site_url: https://smolensk-vsms.example/\n", ""), "utf-8")
    check = plansite(project, "check")
    assert check.returncode == 1
    assert "адрес сайта не задан (site_url в mkdocs.yml)" in check.stderr
    build = run_mkdocs(project)
    assert build.returncode == 1
    assert "адрес сайта не задан (site_url в mkdocs.yml)" in build.output


# --------------------------------------------------------------------------- site under a path


def test_a_site_under_a_path_links_everywhere_under_that_path(project: Path) -> None:
    site_url = "https://host.example/smolensk/"
    (project / "news/2019/2019-05-06-links.md").write_text(
        "---\ntitle: Ссылки\ndate: 2019-04-30\ncategory: branch\n---\n\n"
        "Смотрите [план](/plan/2019/) и [апрель](/calendar/2019/04/#dated).\n",
        encoding="utf-8",
    )
    build = run_mkdocs(project, PLANSITE_SITE_URL=site_url)
    assert build.returncode == 0, build.output
    page_url = f"{site_url}news/2019/04/links/"
    page = BeautifulSoup(build.page("news/2019/04/links/"), "html.parser")
    assert page.find("link", rel="canonical")["href"] == page_url
    hrefs = [a["href"] for a in page.select("article a[href]")]
    resolved = {urlsplit(urljoin(page_url, href)).path for href in hrefs}
    assert {"/smolensk/plan/2019/", "/smolensk/calendar/2019/04/"} <= resolved
    assert not [href for href in hrefs if href.startswith("/")]
    sitemap = build.file("sitemap.xml").decode()
    assert f"<loc>{site_url}</loc>" in sitemap and "<loc>https://host.example/plan" not in sitemap
    rss = build.file("rss.xml").decode()
    assert f'href="{site_url}plan/2019/"' in rss or f"href=&quot;{site_url}plan/2019/" in rss
    assert f"<link>{site_url}news/</link>" in rss
    calendar = build.file("calendar.ics").decode()
    assert f"URL:{site_url}plan/2019/" in calendar
    assert "URL:https://host.example/plan" not in calendar


# --------------------------------------------------------------------------- collisions


def test_a_hand_written_page_on_a_generated_address_is_refused_naming_both(
    project: Path,
) -> None:
    (project / "docs/press.md").write_text("# Пресса\n", encoding="utf-8")
    (project / "docs/calendar.ics").write_text("BEGIN:VCALENDAR\n", encoding="utf-8")
    expected = {
        "docs/calendar.ics:1: файл: файл docs/calendar.ics попадает на адрес /calendar.ics, "
        "который уже занят: файл «/calendar.ics». Переименуйте или перенесите файл.",
        "docs/press.md:1: файл: файл docs/press.md попадает на адрес /press/index.html, "
        "который уже занят: страница «/press/». Переименуйте или перенесите файл.",
    }
    check = plansite(project, "check")
    assert check.returncode == 1
    assert expected <= set(check.stdout.splitlines())
    build = run_mkdocs(project)
    assert build.returncode == 1
    errors = {line.split("-  ", 1)[1] for line in build.output.splitlines() if "ERROR" in line}
    assert expected <= errors


# --------------------------------------------------------------------------- plan years


def plan_of(year: int, sections: int = 1) -> Plan:
    real = load_plan_data(ROOT).plans[0]
    section = real.sections[0]
    return Plan(
        year=year,
        title=f"План на {year} год",
        sections=tuple(
            Section(id=f"s{n}", title=f"Раздел {n}", activities=section.activities)
            for n in range(sections)
        ),
    )


def test_the_featured_plan_is_this_years_else_the_newest() -> None:
    real = load_plan_data(ROOT)
    data = PlanData(real.organization, real.glossary, (plan_of(2019), plan_of(2020)))
    assert featured_plan(data, date(2019, 6, 1)).year == 2019
    assert featured_plan(data, date(2020, 6, 1)).year == 2020
    assert featured_plan(data, date(2026, 6, 1)).year == 2020
    assert featured_plan(data, date(2010, 6, 1)).year == 2020


def test_the_home_page_leads_to_every_plan_year() -> None:
    real = load_plan_data(ROOT)
    data = PlanData(real.organization, real.glossary, (plan_of(2019), plan_of(2020)))
    markdown = home_page(data, date(2019, 5, 1), SITE).markdown
    assert "План работы на 2019 год" in markdown
    assert "Май 2019: что по плану" in markdown
    for year in (2019, 2020):
        assert f"(plan/{year}/index.md)" in markdown
        assert f"(calendar/{year}/index.md)" in markdown
        assert f"(plan/{year}/report.md)" in markdown
    before = home_page(data, date(2010, 3, 1), SITE).markdown
    assert "Январь 2020: что по плану" in before


def test_the_menu_lists_every_plan_year_featured_first() -> None:
    nav = [
        {"План работы": "plan/2019/index.md"},
        {"О сайте": ["about.md", {"Выполнение плана": "plan/2019/report.md"}]},
        "calendar/2019/index.md",
    ]
    assert plan_nav(nav, [2020]) == [
        {"План работы": "plan/2020/index.md"},
        {"О сайте": ["about.md", {"Выполнение плана": "plan/2020/report.md"}]},
        "calendar/2020/index.md",
    ]
    assert plan_nav(nav, [2020, 2021, 2019])[0] == {
        "План работы": [
            {"План на 2020 год": "plan/2020/index.md"},
            {"План на 2021 год": "plan/2021/index.md"},
            {"План на 2019 год": "plan/2019/index.md"},
        ]
    }


def test_a_plan_has_any_number_of_sections() -> None:
    real = load_plan_data(ROOT)
    data = PlanData(real.organization, real.glossary, (plan_of(2019, sections=14),))
    markdown = plan_page(data, data.plans[0]).markdown
    assert "## XIV\\. Раздел 13" in markdown
    assert [roman(n) for n in (1, 4, 9, 11, 40, 2100)] == ["I", "IV", "IX", "XI", "XL", "MMC"]


def test_a_second_plan_year_builds_with_both_in_the_menu(project: Path) -> None:
    path = project / "data/plan.yaml"
    text = path.read_text(encoding="utf-8")
    plans = text[text.index("plans:\n") + len("plans:\n") :]
    path.write_text(
        text + plans.replace("year: 2019", "year: 2020").replace("2019-", "2020-"), encoding="utf-8"
    )
    build = run_mkdocs(project, epoch="1590000000")  # 2020-05-20
    assert build.returncode == 0, build.output
    home = BeautifulSoup(build.page(""), "html.parser")
    menu = {" ".join(a.get_text().split()): a["href"] for a in home.select("nav a[href]")}
    assert menu["План на 2020 год"] == "plan/2020/" and menu["План на 2019 год"] == "plan/2019/"
    assert menu["Календарь на 2019 год"] == "calendar/2019/"
    assert menu["Выполнение плана на 2020 год"] == "plan/2020/report/"
    assert "Май 2020: что по плану" in home.get_text()


# --------------------------------------------------------------------------- tags


def test_distinct_tags_get_distinct_stable_addresses() -> None:
    tags = ["C++", "C#", "C", "🎉", "🎈", "«ТОС»", "ТОС", "a_b", "a-b", "школы"]
    slugs = [tag_slug(tag) for tag in tags]
    assert len(set(slugs)) == len(tags)
    assert tag_slug("Школы") == tag_slug("школы") == "shkoly"
    assert tag_slug("C++") == "c-cedb1bac"  # the same in every build
    assert all(slug.isascii() and "/" not in slug for slug in slugs)


# --------------------------------------------------------------------------- files and folders


def test_an_unreadable_file_gets_a_russian_message() -> None:
    message = read_failure(PermissionError(errno.EACCES, "Permission denied"))
    assert message.startswith("нет прав на чтение файла")
    assert "Permission" not in message


@pytest.mark.skipif(os.geteuid() == 0 if hasattr(os, "geteuid") else True, reason="root reads all")
def test_an_unreadable_post_is_named_in_check(project: Path) -> None:
    post = project / "news/2019/2019-04-19-тематические-уроки.md"
    post.chmod(0)
    check = plansite(project, "check")
    assert check.returncode == 1
    assert "нет прав на чтение файла" in check.stdout


def test_new_in_a_folder_it_cannot_write_says_so_in_russian(project: Path) -> None:
    (project / "news/2019").rename(project / "news/old")
    (project / "news/2019").write_text("не папка", encoding="utf-8")
    result = plansite(
        project, "new", "--title", "Тест", "--date", "2019-05-05", "--category", "branch"
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "не удалось создать файл news/2019/2019-05-05-test.md" in result.stderr


def test_new_without_write_permission_says_so_in_russian(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from plansite.cli.main import run

    def refuse(self: Path, *args: object, **kwargs: object) -> None:
        raise PermissionError(errno.EACCES, "Permission denied", str(self))

    monkeypatch.setattr(Path, "mkdir", refuse)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", BUILD_EPOCH)
    status = run(
        [
            "--project",
            str(project),
            "new",
            "--title",
            "Тест",
            "--date",
            "2019-05-05",
            "--category",
            "branch",
        ]
    )
    assert status == 1
    error = capsys.readouterr().err
    assert "нет прав на запись в эту папку" in error
    assert "Permission denied" not in error


def test_problem_messages_stay_short_whatever_they_quote() -> None:
    problem = Problem("news/x.md", 1, "category", f"неизвестная категория «{'а' * 10**6}».")
    (shown,) = ProblemsFound([problem]).problems
    assert len(str(shown)) < 300
    assert "«" + "а" * 80 + "…»" in shown.message
