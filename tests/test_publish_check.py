"""``plansite check --publish``: a copy with the shipped placeholders never goes live.

The shipped project is refused for each placeholder, with a Russian message naming the file,
line and field; once the contacts, the address and the posts are real, it is accepted. The
publishing workflow runs this check before it builds the site for GitHub Pages.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from conftest import BUILD_EPOCH, ROOT

REAL_CONTACTS = {
    "address": "214000, г. Смоленск, ул. Образцовая, д. 1",
    "email": "info@vsms-smolensk.ru",
    "phone": "+7 (4812) 12-34-56",
    "press_contact": "Пресс-служба отделения: press@vsms-smolensk.ru.",
}
REAL_SITE = "https://vsms-smolensk.ru/"


def check(project: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "SOURCE_DATE_EPOCH": BUILD_EPOCH, "PYTHONIOENCODING": "utf-8"}
    environment.pop("PLANSITE_SITE_URL", None)
    environment.update(env)
    return subprocess.run(
        [sys.executable, "-m", "plansite.cli", "check", *args],
        cwd=project,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
    )


def fill_in_contacts(project: Path) -> None:
    plan = project / "data/plan.yaml"
    text = plan.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    for key, value in REAL_CONTACTS.items():
        (number,) = [n for n, line in enumerate(lines) if line.startswith(f"  {key}: ")]
        lines[number] = f"  {key}: {json.dumps(value, ensure_ascii=False)}\n"
    text = "".join(lines)
    plan.write_text(text, encoding="utf-8")


def replace_example_posts(project: Path) -> None:
    shutil.rmtree(project / "news")
    (project / "news/2019").mkdir(parents=True)
    (project / "news/2019/2019-04-19-uroki.md").write_text(
        "---\ntitle: Уроки ко Дню местного самоуправления\ndate: 2019-04-19\n"
        "category: branch\nsummary: Прошли уроки в школах области.\n---\n\nТекст записи.\n",
        encoding="utf-8",
    )


def test_plain_check_accepts_the_shipped_project(project: Path) -> None:
    result = check(project)
    assert result.returncode == 0, result.stdout + result.stderr


def test_shipped_placeholders_are_refused_in_russian(project: Path) -> None:
    result = check(project, "--publish")
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    plan = (project / "data/plan.yaml").read_text(encoding="utf-8").splitlines()

    def line_of(key: str) -> int:
        return next(n for n, text in enumerate(plan, 1) if text.startswith(f"  {key}:"))

    for key in ("address", "phone"):
        assert any(
            line.startswith(f"data/plan.yaml:{line_of(key)}: organization.{key}: «[")
            and "заготовка" in line
            for line in lines
        ), (key, lines)
    for key in ("email", "press_contact"):
        assert any(
            line.startswith(f"data/plan.yaml:{line_of(key)}: organization.{key}: ")
            and ".example" in line
            for line in lines
        ), (key, lines)
    assert any(
        line.startswith("mkdocs.yml:7: site_url: «https://smolensk-vsms.example/»")
        for line in lines
    )
    examples = [line for line in lines if line.startswith("news/") and "пример записи" in line]
    assert len(examples) == len(list((ROOT / "news").rglob("*.md")))
    assert lines[-1].startswith("Сайт не готов к публикации: ")


def test_each_placeholder_alone_is_enough_to_refuse(project: Path) -> None:
    fill_in_contacts(project)
    replace_example_posts(project)
    refused = check(project, "--publish")
    assert refused.returncode == 1
    assert [line.split(":")[0] for line in refused.stdout.splitlines()[1:-1]] == ["mkdocs.yml"]

    accepted = check(project, "--publish", PLANSITE_SITE_URL=REAL_SITE)
    assert accepted.returncode == 0, accepted.stdout
    assert "К публикации готово" in accepted.stdout

    example = project / "data/plan.yaml"
    text = example.read_text(encoding="utf-8")
    example.write_text(text.replace("+7 (4812) 12-34-56", "[телефон]"), encoding="utf-8")
    again = check(project, "--publish", PLANSITE_SITE_URL=REAL_SITE)
    assert again.returncode == 1
    assert "organization.phone" in again.stdout


def test_a_missing_contact_is_refused(project: Path) -> None:
    fill_in_contacts(project)
    replace_example_posts(project)
    plan = project / "data/plan.yaml"
    text = re.sub(r"^  phone: .*\n", "", plan.read_text(encoding="utf-8"), flags=re.M)
    plan.write_text(text, encoding="utf-8")
    result = check(project, "--publish", PLANSITE_SITE_URL=REAL_SITE)
    assert result.returncode == 1
    assert "organization.phone: не указан телефон отделения" in result.stdout


def test_the_publishing_workflow_runs_the_check() -> None:
    workflow = yaml.safe_load((ROOT / ".github/workflows/site.yml").read_text(encoding="utf-8"))
    steps = workflow["jobs"]["build"]["steps"]
    runs = [step.get("run", "") for step in steps]
    check_step = runs.index("plansite check --publish")
    assert check_step < next(i for i, run in enumerate(runs) if "mkdocs build" in run)
