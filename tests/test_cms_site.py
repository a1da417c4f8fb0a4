"""The browser editor in real builds: absent from a published site unless a git host is set;
where set, generated from data/, unlisted, noindex and limited to the site and the git host.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import ROOT, Build, run_mkdocs

GITLAB = """host: gitlab
repo: vsms/plansite
branch: main
app_id: 0123456789abcdef
editorial_workflow: true
"""


@pytest.fixture(name="gitlab_build")
def gitlab_build_fixture(project: Path) -> Build:
    (project / "data" / "cms.yaml").write_text(GITLAB, encoding="utf-8")
    (project / "node_modules").symlink_to(ROOT / "node_modules", target_is_directory=True)
    build = run_mkdocs(project)
    assert build.returncode == 0, build.output
    return build


def config_of(build: Build) -> dict:
    return yaml.safe_load(build.file("admin/config.yml"))


def test_without_a_git_host_the_published_site_has_no_editor(shipped_build: Build) -> None:
    assert not (shipped_build.site / "admin").exists()
    assert not list(shipped_build.site.rglob("plansite-preview.js"))
    assert "plansite-preview" not in shipped_build.page("")


def test_with_a_git_host_the_editor_is_published_from_the_sites_own_files(
    gitlab_build: Build,
) -> None:
    page = BeautifulSoup(gitlab_build.file("admin/index.html"), "html.parser")
    assert page.find("meta", attrs={"name": "robots"})["content"].startswith("noindex")
    scripts = [tag["src"] for tag in page.find_all("script", src=True)]
    assert scripts == ["plansite-cms.js", "decap-cms.js"]
    for script in scripts:
        assert (gitlab_build.site / "admin" / script).stat().st_size > 1000
    policy = page.find("meta", attrs={"http-equiv": "Content-Security-Policy"})["content"]
    assert "script-src 'self' 'unsafe-eval'" in policy
    assert "connect-src 'self' blob: data: https://gitlab.com" in policy
    bundle = (gitlab_build.site / "admin" / "decap-cms.js").read_bytes()
    assert bundle == (ROOT / "node_modules/decap-cms/dist/decap-cms.js").read_bytes()


def test_the_published_editor_is_in_neither_the_sitemap_nor_search(gitlab_build: Build) -> None:
    assert "/admin/" not in gitlab_build.file("sitemap.xml").decode()
    # Pagefind indexes only what pages mark as their body; the editor's page marks nothing.
    assert "data-pagefind-body" in gitlab_build.page("plan/2019/thematic-lessons/")
    assert b"data-pagefind" not in gitlab_build.file("admin/index.html")


def test_the_configuration_is_generated_from_data(gitlab_build: Build) -> None:
    config = config_of(gitlab_build)
    assert config["locale"] == "ru"
    assert config["backend"]["name"] == "gitlab"
    assert config["backend"]["repo"] == "vsms/plansite"
    assert config["backend"]["auth_type"] == "pkce"
    assert config["backend"]["app_id"] == "0123456789abcdef"
    assert config["publish_mode"] == "editorial_workflow"
    [news] = config["collections"]
    fields = {field["name"]: field for field in news["fields"]}
    assert list(fields) == [
        "title",
        "date",
        "category",
        "municipality",
        "plan",
        "tags",
        "summary",
        "image",
        "draft",
        "body",
    ]
    assert fields["category"]["options"] == [
        "Лучшие практики муниципального управления",
        "Ситуация в муниципальных образованиях",
        "Деятельность отделения",
    ]
    assert len(fields["municipality"]["options"]) == 27
    assert fields["municipality"]["multiple"] is True
    lessons = next(
        item for item in fields["plan"]["options"] if item["value"] == "thematic-lessons"
    )
    assert lessons["label"].startswith("2019 · Проведение тематических уроков")
    assert fields["date"]["format"] == "YYYY-MM-DD HH:mm"
    assert fields["draft"]["widget"] == "boolean"
    assert fields["body"]["widget"] == "markdown"
    assert all(field.get("hint") for field in fields.values())
    assert "required" not in fields["title"] and fields["summary"]["required"] is False
    assert news["media_folder"] == "" and news["path"].endswith("/index")


def test_a_new_category_reaches_the_editor_with_the_next_build(project: Path) -> None:
    (project / "data" / "cms.yaml").write_text(GITLAB, encoding="utf-8")
    (project / "node_modules").symlink_to(ROOT / "node_modules", target_is_directory=True)
    with (project / "data" / "categories.yaml").open("a", encoding="utf-8") as categories:
        categories.write("\n- id: press\n  name: Пресс-релизы\n")
    build = run_mkdocs(project)
    assert build.returncode == 0, build.output
    [news] = config_of(build)["collections"]
    category = next(field for field in news["fields"] if field["name"] == "category")
    assert category["options"][-1] == "Пресс-релизы"


def test_mistakes_in_the_settings_are_named_with_their_line(project: Path) -> None:
    (project / "data" / "cms.yaml").write_text("host: gitbucket\nrepo: x\n", encoding="utf-8")
    build = run_mkdocs(project)
    assert build.returncode != 0
    assert "data/cms.yaml:1: host: неизвестный сервер «gitbucket»" in build.output


def test_a_configured_editor_without_npm_packages_stops_the_build(project: Path) -> None:
    (project / "data" / "cms.yaml").write_text(GITLAB, encoding="utf-8")
    shutil.rmtree(project / "node_modules", ignore_errors=True)
    build = run_mkdocs(project)
    assert build.returncode != 0
    assert "npm ci" in build.output
