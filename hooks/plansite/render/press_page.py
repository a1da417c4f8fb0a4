"""«Для СМИ» (``/press/``): the press contact, every feed and calendar with its address and
contents, the press kit and how to cite the plan."""

from __future__ import annotations

from collections.abc import Sequence

from plansite import urls
from plansite.derive.feed_catalog import FeedGroup, FeedInfo
from plansite.model import PlanData
from plansite.output import Page
from plansite.render.contacts import contacts_html, emails_markdown
from plansite.render.markup import front_matter, heading, text
from plansite.render.search import search_meta
from plansite.render.subscriptions import calendars_block

FEED_SECTIONS = (
    (FeedGroup.MAIN, "Все новости", "main-feeds"),
    (FeedGroup.CATEGORY, "По рубрикам", "category-feeds"),
    (FeedGroup.MUNICIPALITY, "По муниципальным образованиям", "municipality-feeds"),
    (FeedGroup.TAG, "По меткам", "tag-feeds"),
)


def press_page(data: PlanData, feeds: Sequence[FeedInfo], site_url: str) -> Page:
    src = urls.PRESS_SRC
    title = "Для СМИ"
    parts = [
        front_matter(
            title,
            "Контакты для прессы, ленты новостей RSS и Atom, ленты для Дзена и Яндекса, "
            "календари мероприятий, пресс-кит и как ссылаться на план работы.",
            **search_meta("press"),
        ),
        heading(1, title),
        heading(2, "Контакты для прессы", "contact"),
        f"{emails_markdown(data.organization.press_contact)}\n\n",
        contacts_html(data.organization),
        _feeds_part(src, feeds, site_url),
        heading(2, "Календари мероприятий", "calendar"),
        calendars_block(src, data, site_url),
        _press_kit(src, data),
        _citation(data, site_url),
    ]
    return Page(src, "".join(parts))


def _feeds_part(src: str, feeds: Sequence[FeedInfo], site_url: str) -> str:
    parts = [
        heading(2, "Ленты новостей", "feeds"),
        "В каждой ленте — 30 последних записей с полным текстом и картинками (первой идёт "
        "главная картинка записи). Скопируйте адрес ленты в программу или сервис для чтения "
        "лент; у страниц рубрик, муниципальных образований и меток есть свои ленты.\n\n",
    ]
    for group, title, anchor in FEED_SECTIONS:
        rows = [_feed_row(src, feed, site_url) for feed in feeds if feed.group is group]
        if rows:
            parts += [heading(3, title, anchor), _FEED_TABLE_HEAD, *rows, "\n"]
    aggregators = [feed for feed in feeds if feed.group is FeedGroup.AGGREGATOR]
    parts += [
        heading(3, "Для Дзена и Яндекса", "aggregators"),
        "Ленты в формате, который принимают Дзен (RSS-лента для канала) и Яндекс (свежие "
        "материалы в поиске): полный текст только с разрешённой разметкой, обложка шириной "
        "не меньше 700 пикселей, возрастная отметка, постоянные идентификаторы записей — "
        "исправленная запись обновляется, а не публикуется второй раз.\n\n",
        _FEED_TABLE_HEAD,
        *[_feed_row(src, feed, site_url) for feed in aggregators],
        "\n",
        heading(3, "Все ленты одним файлом", "opml"),
        f"[Список всех лент в формате OPML]({urls.relative_link(src, urls.OPML_PATH)}) "
        f"(`{urls.absolute(site_url, urls.OPML_PATH)}`): его можно загрузить в программу "
        "для чтения лент («Импорт OPML»), и она подпишется на все ленты сразу.\n\n",
    ]
    return "".join(parts)


_FEED_TABLE_HEAD = "| Лента | Адрес | Что в ней |\n| --- | --- | --- |\n"


def _feed_row(src: str, feed: FeedInfo, site_url: str) -> str:
    link = urls.relative_link(src, feed.path)
    address = urls.absolute(site_url, feed.path)
    name = text(f"{feed.title} ({feed.format.label})")
    return f"| [{name}]({link}) | `{address}` | {text(feed.description)} |\n"


def _press_kit(src: str, data: PlanData) -> str:
    organization = data.organization

    def rel(path: str) -> str:
        return urls.relative_link(src, path)

    plans = [
        f"- План работы на {plan.year} год: "
        f"[страница для печати и сохранения в PDF]({rel(urls.plan_src(plan.year))})"
        f" · [JSON]({rel(urls.plan_json_path(plan.year))})"
        f" · [CSV]({rel(urls.plan_csv_path(plan.year))})\n"
        for plan in data.plans
    ]
    return "".join(
        [
            heading(2, "Пресс-кит", "press-kit"),
            f"- Логотип: [SVG]({rel(urls.LOGO_PATH)}) · [PNG]({rel(urls.LOGO_PNG_PATH)})\n",
            f"- Полное название: {text(organization.name)}\n",
            f"- Краткое название: {text(organization.short_name)}\n",
            *plans,
            "\nЧтобы сохранить план в PDF, откройте страницу плана и выберите в браузере "
            "«Печать → Сохранить как PDF»: меню и кнопки при печати скрываются.\n\n",
            "Краткая справка об отделении:\n\n",
            f"> {text(organization.about)}\n\n",
        ]
    )


def _citation(data: PlanData, site_url: str) -> str:
    plan = data.current_plan
    address = urls.absolute(site_url, urls.page_url(urls.plan_src(plan.year)))
    accessed = "дата обращения: ДД.ММ.ГГГГ"
    example = f"{plan.title} / {data.organization.name}. — URL: {address} ({accessed})."
    return "".join(
        [
            heading(2, "Как ссылаться на план", "cite"),
            "Адреса страниц постоянны: они строятся из года и идентификатора мероприятия и "
            "не меняются при правке текста. Ссылайтесь на страницу плана или мероприятия, "
            "например:\n\n",
            f"> {text(example)}\n\n",
            f"В новостном тексте достаточно упомянуть план работы на {plan.year} год "
            f"({text(data.organization.short_name)}) со ссылкой на `{address}`.\n\n",
        ]
    )
