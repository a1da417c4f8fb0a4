"""Files beside a post are published with it, under the post's address."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

from conftest import PICTURES, copy_project
from plansite.site import BuildSettings, generate_site

BUILD_TIME = datetime(2020, 1, 1, tzinfo=timezone.utc)


def write_post(folder: Path, title: str, day: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "index.md").write_text(
        f"---\ntitle: {title}\ndate: {day}\ncategory: branch\n---\n\nТекст записи.\n",
        encoding="utf-8",
    )


def test_a_post_folder_publishes_its_files_and_only_its_own(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    outer = project / "news" / "2019" / "seminar-files"
    write_post(outer, "Материалы семинара", "2019-10-01")
    (outer / "programma.pdf").write_bytes(b"%PDF-1.4 programma")
    (outer / "docs").mkdir()
    (outer / "docs" / "spisok.xlsx").write_bytes(b"xlsx")
    (outer / ".notes.txt").write_text("черновые заметки", encoding="utf-8")
    inner = outer / "vtoroj-den"
    write_post(inner, "Второй день семинара", "2019-10-02")
    (inner / "foto.png").write_bytes(PICTURES["png"])

    content = generate_site(BuildSettings(project, "https://example.org/", BUILD_TIME))
    assets = {asset.path: asset.content for asset in content.assets}

    assert assets["news/2019/10/seminar-files/programma.pdf"] == b"%PDF-1.4 programma"
    assert assets["news/2019/10/seminar-files/docs/spisok.xlsx"] == b"xlsx"
    assert assets["news/2019/10/vtoroj-den/foto.png"] == PICTURES["png"]
    assert not [path for path in assets if path.endswith(".notes.txt")]
    assert not [path for path in assets if "seminar-files/vtoroj-den" in path]
