"""The two settings a build takes from outside the editors' files: its time and its address.

``SOURCE_DATE_EPOCH`` fixes the build time (reproducible builds); ``site_url`` in
``mkdocs.yml``, or ``PLANSITE_SITE_URL`` at build time, is the public address that feeds,
the calendar, canonical links and the sitemap are absolute against. A wrong value stops
``plansite check`` and the build alike, with the same Russian message.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from datetime import datetime, timezone
from urllib.parse import urlsplit

EPOCH_VARIABLE = "SOURCE_DATE_EPOCH"
SITE_URL_VARIABLE = "PLANSITE_SITE_URL"
MAX_EPOCH = int(datetime(2101, 1, 1, tzinfo=timezone.utc).timestamp()) - 1
"""The end of 2100: the latest date a post or a plan may have."""
EXAMPLE_URL = "https://smolensk-vsms.example/"

_ASCII_DIGITS = re.compile(r"[0-9]+")
_FORBIDDEN_IN_URL = re.compile(r"[\x00-\x20\x7f\"<>\\^`{|}]")


class SettingError(Exception):
    """A build setting that cannot be used; the message, in Russian, says how to fix it."""


def build_time_is_fixed(environ: Mapping[str, str] = os.environ) -> bool:
    """Whether the build time is given (``SOURCE_DATE_EPOCH``) rather than the moment now."""
    return bool(environ.get(EPOCH_VARIABLE))


def build_time_from_env(environ: Mapping[str, str] = os.environ) -> datetime:
    """``SOURCE_DATE_EPOCH`` when set (reproducible builds), otherwise now.

    The value must be a plain ASCII integer of seconds since 1970 up to the end of 2100;
    anything else is a :class:`SettingError`, never silently the current time.
    """
    epoch = environ.get(EPOCH_VARIABLE)
    if epoch is None or epoch == "":
        return datetime.now(tz=timezone.utc)
    if not _ASCII_DIGITS.fullmatch(epoch):
        raise SettingError(
            f"переменная окружения {EPOCH_VARIABLE}={_shown(epoch)} — не целое число секунд "
            "с 1970 года: укажите только цифры 0–9, например "
            f"«{EPOCH_VARIABLE}=1556668800», или уберите переменную."
        )
    seconds = int(epoch)
    if seconds > MAX_EPOCH:
        raise SettingError(
            f"переменная окружения {EPOCH_VARIABLE}={_shown(epoch)} — слишком поздняя дата: "
            f"допустимо от 0 до {MAX_EPOCH} (конец 2100 года)."
        )
    return datetime.fromtimestamp(seconds, tz=timezone.utc)


def site_url_setting(configured: object, environ: Mapping[str, str] = os.environ) -> str:
    """The site's public address, ending in ``/``: ``PLANSITE_SITE_URL`` if set, else
    ``configured`` (``site_url`` of ``mkdocs.yml``); a :class:`SettingError` unless it is an
    absolute ``http(s)`` address."""
    override = environ.get(SITE_URL_VARIABLE, "").strip()
    if override:
        return check_site_url(override, f"переменная окружения {SITE_URL_VARIABLE}")
    return check_site_url(configured, "site_url в mkdocs.yml")


def check_site_url(value: object, where: str) -> str:
    """``value`` as an absolute ``http(s)`` address ending in ``/``, or a SettingError."""
    how = (
        f"укажите полный адрес сайта с «https://» (или «http://»), например «{EXAMPLE_URL}» "
        "или «https://example.org/smolensk/»: от него зависят ссылки в лентах и календаре."
    )
    if not isinstance(value, str) or not value.strip():
        raise SettingError(f"адрес сайта не задан ({where}): {how}")
    url = value.strip()
    if _FORBIDDEN_IN_URL.search(url) or not url.isascii():
        raise SettingError(
            f"в адресе сайта {_shown(url)} ({where}) есть пробелы или недопустимые символы: "
            f"{how} Русские буквы в имени сайта пишите в виде «xn--…»."
        )
    try:
        parts = urlsplit(url)
        port_ok = parts.port is None or parts.port > 0
    except ValueError:
        port_ok = False
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname or not port_ok:
        raise SettingError(f"адрес сайта {_shown(url)} ({where}) не подходит: {how}")
    if parts.query or parts.fragment or parts.username or parts.password:
        raise SettingError(
            f"в адресе сайта {_shown(url)} ({where}) не должно быть «?», «#» и «@»: {how}"
        )
    return url.rstrip("/") + "/"


def _shown(value: str) -> str:
    """The value in «ёлочках», cut short: a message quotes a prefix, never a whole value."""
    return f"«{value[:60]}…»" if len(value) > 60 else f"«{value}»"
