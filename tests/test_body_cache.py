"""The cache of rendered post bodies: reused while nothing changed, never served stale or broken."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from plansite.load import body_cache, postbody
from plansite.load.body_cache import CACHE_FILE, BodyCache

BODY = "Текст с **важным** словом и [ссылкой](https://example.org/).\n\n[^1]\n\n[^1]: Сноска.\n"
ABBREVIATIONS = "\n\n*[МСУ]: местное самоуправление\n"


def rendered_once(project: Path) -> str:
    """Render BODY with a fresh cache of ``project`` (as one build does) and save it."""
    cache = BodyCache(project)
    html = cache.render(BODY, ABBREVIATIONS).html
    cache.save()
    return html


def test_an_unchanged_body_is_served_from_the_cache(tmp_path: Path, monkeypatch) -> None:
    first = rendered_once(tmp_path)
    assert "<strong>важным</strong>" in first
    assert (tmp_path / CACHE_FILE).is_file()
    monkeypatch.setattr(body_cache, "render_body", lambda *_: pytest.fail("rendered again"))
    assert rendered_once(tmp_path) == first


def test_a_changed_sanitiser_list_renders_again(tmp_path: Path, monkeypatch) -> None:
    assert "<strong>" in rendered_once(tmp_path)
    monkeypatch.setattr(postbody, "ALLOWED_TAGS", postbody.ALLOWED_TAGS - {"strong"})
    again = rendered_once(tmp_path)
    assert "<strong>" not in again
    assert "важным" in again


def test_a_changed_markdown_setting_renders_again(tmp_path: Path, monkeypatch) -> None:
    assert "Вернуться к сноске 1 в тексте" in rendered_once(tmp_path)
    config = {**postbody.MARKDOWN_CONFIG, "footnotes": {"BACKLINK_TITLE": "Назад к сноске %d"}}
    monkeypatch.setattr(postbody, "MARKDOWN_CONFIG", config)
    again = rendered_once(tmp_path)
    assert "Назад к сноске 1" in again
    assert "Вернуться к сноске" not in again


def test_a_changed_markdown_extension_renders_again(tmp_path: Path, monkeypatch) -> None:
    assert "<sup" in rendered_once(tmp_path)
    without_footnotes = tuple(name for name in postbody.MARKDOWN_EXTENSIONS if name != "footnotes")
    monkeypatch.setattr(postbody, "MARKDOWN_EXTENSIONS", without_footnotes)
    assert "<sup" not in rendered_once(tmp_path)


def test_another_library_version_renders_again(tmp_path: Path, monkeypatch) -> None:
    rendered_once(tmp_path)
    real_version = body_cache.metadata.version
    calls: list[str] = []

    def upgraded(name: str) -> str:
        calls.append(name)
        return real_version(name) + ".post1" if name == "nh3" else real_version(name)

    monkeypatch.setattr(body_cache.metadata, "version", upgraded)
    rendered: list[str] = []
    real_render = body_cache.render_body
    monkeypatch.setattr(
        body_cache, "render_body", lambda *args: rendered.append("x") or real_render(*args)
    )
    rendered_once(tmp_path)
    assert "nh3" in calls
    assert rendered == ["x"]


def test_changed_rendering_code_renders_again(tmp_path: Path, monkeypatch) -> None:
    """The key holds a hash of the rendering modules' source: an edit there is a new key."""
    before = body_cache.renderer_fingerprint()
    copy = tmp_path / "postbody.py"
    copy.write_text(Path(postbody.__file__).read_text(encoding="utf-8") + "\n# edited\n", "utf-8")
    monkeypatch.setattr(postbody, "__file__", str(copy))
    assert body_cache.renderer_fingerprint() != before


@pytest.mark.parametrize(
    "damage",
    [
        lambda text: text[: len(text) // 2],  # truncated while being written
        lambda text: "",
        lambda text: "\x00\x01garbage",
        lambda text: "[1, 2, 3]",
        lambda text: json.dumps({key: "<p>подменено</p>" for key in json.loads(text)}),
        lambda text: json.dumps({key: {"html": 5, "references": []} for key in json.loads(text)}),
        lambda text: json.dumps(
            {key: {"html": "<p>x</p>", "references": [["a"]]} for key in json.loads(text)}
        ),
    ],
    ids=[
        "truncated",
        "empty",
        "garbage",
        "not-a-mapping",
        "entry-not-a-mapping",
        "html-not-text",
        "broken-reference",
    ],
)
def test_a_damaged_cache_file_is_ignored_and_replaced(tmp_path: Path, damage) -> None:
    good = rendered_once(tmp_path)
    path = tmp_path / CACHE_FILE
    path.write_bytes(damage(path.read_text(encoding="utf-8")).encode("utf-8", "surrogatepass"))
    assert rendered_once(tmp_path) == good
    stored = json.loads(path.read_text(encoding="utf-8"))
    assert [entry["html"] for entry in stored.values()] == [good]


def test_a_damaged_cache_file_never_breaks_a_load(tmp_path: Path) -> None:
    path = tmp_path / CACHE_FILE
    path.parent.mkdir(parents=True)
    path.write_bytes(b"\xff\xfe not even utf-8")
    assert "<strong>важным</strong>" in rendered_once(tmp_path)
