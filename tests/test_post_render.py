"""Rendering posts: sanitising, links between posts, summaries and published files."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from lxml import html as lxml_html

from conftest import PICTURES
from plansite.derive.posts import post_link, render_posts, shorten, summary_from_html
from plansite.model import Category, Post, Term
from plansite.output import Asset

MOSCOW = ZoneInfo("Europe/Moscow")
BRANCH = Category("branch", "Деятельность отделения")
GLOSSARY = (Term("ВСМС", "Всероссийский Совет местного самоуправления"),)


def make_post(
    source: str = "news/2019/2019-04-19-uroki.md",
    body: str = "Текст.\n",
    published: datetime = datetime(2019, 4, 19, tzinfo=MOSCOW),
    **fields,
) -> Post:
    slug = Path(source).stem.removeprefix("2019-04-19-")
    return Post(
        source=source,
        slug=fields.pop("slug", slug),
        title="Заголовок",
        published=published,
        date_only=True,
        category=BRANCH,
        body=body,
        body_line=5,
        **fields,
    )


def render_one(body: str, tmp_path: Path = Path("."), **fields) -> str:
    (rendered,) = render_posts([make_post(body=body, **fields)], GLOSSARY, tmp_path)
    return rendered.html


# Markdown


def test_markdown_features() -> None:
    body = (
        "Абзац про ВСМС с *курсивом* и **жирным**.\n\n"
        "## Раздел {: #razdel }\n\n"
        "| Слева | Справа |\n|:------|-------:|\n| 1 | 2 |\n\n"
        "Сноска[^1].\n\n"
        "3. три\n4. четыре\n\n"
        "[^1]: Пояснение.\n"
    )
    html = render_one(body)
    assert '<abbr title="Всероссийский Совет местного самоуправления">ВСМС</abbr>' in html
    assert "<em>курсивом</em>" in html and "<strong>жирным</strong>" in html
    assert '<h2 id="razdel">Раздел</h2>' in html
    assert '<th align="left">Слева</th>' in html and '<td align="right">2</td>' in html
    assert '<sup id="fnref:1"><a href="#fn:1" rel="noopener">1</a></sup>' in html
    assert '<li id="fn:1">' in html
    assert '<ol start="3">' in html
    assert "*[ВСМС]" not in html


def test_headings_get_unicode_ids_and_h1_becomes_h2() -> None:
    html = render_one("# Итоги года\n\nТекст.\n\n### Подробности\n")
    assert '<h2 id="итоги-года">Итоги года</h2>' in html
    assert '<h3 id="подробности">Подробности</h3>' in html
    assert "<h1" not in html


# Sanitising


def test_script_and_event_handlers_removed() -> None:
    html = render_one(
        'Текст.\n\n<script>alert("x")</script>\n\n'
        '<p onclick="steal()">абзац</p>\n\n<img src="a.png" onerror="steal()">\n'
    )
    assert "script" not in html
    assert "alert" not in html
    assert "onclick" not in html and "onerror" not in html and "steal" not in html
    assert "абзац" in html


def test_javascript_links_lose_their_href() -> None:
    html = render_one('[жми](javascript:alert(1)) и <a href="JavaScript:alert(2)">тут</a>\n')
    assert "javascript" not in html.lower()
    assert "alert" not in html
    assert '<a rel="noopener">жми</a>' in html


def test_unbalanced_html_cannot_break_the_page() -> None:
    html = render_one("Начало.\n\n</div></div></main>\n\n<div><section>незакрытый\n\nКонец.\n")
    assert "</div>" not in html and "<div" not in html
    assert "</main>" not in html and "<section" not in html
    # Wrapped in a container, the fragment parses back with nothing left open.
    tree = lxml_html.fragment_fromstring(html, create_parent="div")
    assert "Начало." in tree.text_content() and "Конец." in tree.text_content()
    assert lxml_html.tostring(tree, encoding="unicode").endswith("</div>")


def test_styles_iframes_forms_removed_with_content() -> None:
    html = render_one(
        "Текст.\n\n<style>body{display:none}</style>\n\n"
        '<iframe src="https://evil.example"></iframe>\n\n'
        '<form action="https://evil.example"><input name="q">Отправить</form>\n'
    )
    assert "style" not in html and "display" not in html
    assert "iframe" not in html and "evil" not in html
    assert "form" not in html and "input" not in html and "Отправить" not in html


def test_pictures_are_lazy_and_links_noopener() -> None:
    html = render_one('![фото](img/a.png "Подпись") и [сайт](https://example.org)\n')
    assert '<img alt="фото" src="img/a.png" title="Подпись" loading="lazy">' in html
    assert '<a href="https://example.org" rel="noopener">сайт</a>' in html


def test_classes_and_styles_are_dropped() -> None:
    html = render_one('<span class="big" style="color:red">текст</span>\n\nАбзац {: .x }\n')
    assert "<span>текст</span>" in html
    assert "class" not in html and "style" not in html


# Links between posts


def test_links_to_other_posts_become_relative_urls() -> None:
    first = make_post(
        body="См. [итоги](2019-05-02-itogi.md), [раздел](2019-05-02-itogi.md#plan), "
        "[старое](../2018/old.md) и [файл](doc.pdf).\n",
    )
    second = make_post(
        source="news/2019/2019-05-02-itogi.md",
        slug="itogi",
        published=datetime(2019, 5, 2, tzinfo=MOSCOW),
        body="[Назад](2019-04-19-uroki.md)\n",
    )
    third = make_post(
        source="news/2018/old.md", published=datetime(2018, 12, 1, tzinfo=MOSCOW), body="Т\n"
    )
    rendered = render_posts([first, second, third], (), Path("."))
    assert [item.post for item in rendered] == [first, second, third]
    assert '<a href="../../05/itogi/" rel="noopener">итоги</a>' in rendered[0].html
    assert '<a href="../../05/itogi/#plan" rel="noopener">раздел</a>' in rendered[0].html
    assert '<a href="../../../2018/12/old/" rel="noopener">старое</a>' in rendered[0].html
    assert '<a href="doc.pdf" rel="noopener">файл</a>' in rendered[0].html
    assert '<a href="../../04/uroki/" rel="noopener">Назад</a>' in rendered[1].html


def test_link_to_a_post_not_rendered_becomes_text(tmp_path: Path) -> None:
    html = render_one("Скоро [итоги](2019-05-02-itogi.md) года.\n", tmp_path)
    assert html == "<p>Скоро итоги года.</p>"


def test_post_link() -> None:
    a = make_post()
    b = make_post(source="news/2019/b.md", published=datetime(2019, 4, 30, tzinfo=MOSCOW))
    assert post_link(a, b) == "../b/"
    assert post_link(a, a) == "./"


# Summaries


def test_summary_from_the_first_paragraph_with_text() -> None:
    html = render_one(
        "![фото](a.png)\n\nПервый  абзац &laquo;ВСМС&raquo;[^1] с [ссылкой](a.md).\n\n"
        "Второй абзац.\n\n[^1]: Сноска.\n"
    )
    (rendered,) = render_posts([make_post(body="![фото](a.png)\n\nПервый абзац.\n")], (), Path("."))
    assert rendered.summary == "Первый абзац."
    assert summary_from_html(html) == "Первый абзац «ВСМС» с ссылкой."


def test_summary_given_in_front_matter_wins() -> None:
    (rendered,) = render_posts([make_post(body="Абзац.\n", summary="Своё.")], (), Path("."))
    assert rendered.summary == "Своё."


def test_long_first_paragraph_is_cut_at_a_word() -> None:
    words = " ".join(["слово"] * 100)  # 599 characters
    (rendered,) = render_posts([make_post(body=words + "\n")], (), Path("."))
    assert rendered.summary.endswith("слово…")
    assert len(rendered.summary) <= 301
    assert rendered.summary[:-1] == " ".join(["слово"] * 50)


def test_shorten() -> None:
    assert shorten("короткий текст") == "короткий текст"
    assert shorten("раз два, три", limit=9) == "раз два…"
    assert shorten("раз два три", limit=7) == "раз два…"
    assert shorten("длинноеслово", limit=5) == "длинн…"


def test_no_paragraph_gives_empty_summary() -> None:
    assert summary_from_html('<h2>Только заголовок</h2><p><img src="a.png"></p>') == ""


# Files


def test_files_are_published_under_the_post_url(tmp_path: Path) -> None:
    folder = tmp_path / "news" / "2019"
    (folder / "img").mkdir(parents=True)
    (folder / "img" / "a.png").write_bytes(PICTURES["png"])
    (folder / "doc 1.pdf").write_bytes(b"%PDF")
    post = make_post(
        body="![a](img/a.png) [pdf](doc%201.pdf)\n",
        image="img/a.png",
        files=("doc 1.pdf", "img/a.png"),
    )
    (rendered,) = render_posts([post], (), tmp_path)
    assert rendered.files == (
        Asset("news/2019/04/uroki/doc 1.pdf", b"%PDF"),
        Asset("news/2019/04/uroki/img/a.png", PICTURES["png"]),
    )
    assert 'src="img/a.png"' in rendered.html
    assert 'href="doc%201.pdf"' in rendered.html


def test_render_keeps_the_given_order() -> None:
    posts = [
        make_post(source=f"news/2019/p{index}.md", body=f"Пост {index}.\n") for index in (3, 1, 2)
    ]
    rendered = render_posts(posts, (), Path("."))
    assert [item.summary for item in rendered] == ["Пост 3.", "Пост 1.", "Пост 2."]


@pytest.mark.parametrize("empty", [(), GLOSSARY])
def test_body_without_abbreviations_is_unchanged_by_glossary(empty) -> None:
    (rendered,) = render_posts([make_post(body="Просто текст.\n")], empty, Path("."))
    assert rendered.html == "<p>Просто текст.</p>"
