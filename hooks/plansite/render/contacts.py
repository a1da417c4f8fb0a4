"""How to reach the branch, from its details in ``data/plan.yaml``: the footer, the home and
press pages all print the same contacts, and every e-mail address is a ``mailto:`` link."""

from __future__ import annotations

import re
from html import escape

from plansite.load.organization import is_placeholder
from plansite.model import Organization
from plansite.render.markup import text
from plansite.typography import typeset

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE_CHARACTERS = re.compile(r"[^\d+]")


def contact_rows(organization: Organization) -> list[tuple[str, str]]:
    """``(label, HTML)`` for each contact the branch gave, in reading order."""
    rows = []
    if organization.address:
        rows.append(("Адрес", escape(organization.address)))
    if organization.phone:
        rows.append(("Телефон", phone_html(organization.phone)))
    if organization.email:
        rows.append(("Электронная почта", emails_html(organization.email)))
    return rows


def phone_html(phone: str) -> str:
    """A ``tel:`` link for a real number; a placeholder is shown as plain text."""
    number = _PHONE_CHARACTERS.sub("", phone)
    if is_placeholder(phone) or len(number.lstrip("+")) < 5:
        return escape(phone)
    return f'<a href="tel:{number}">{escape(phone).replace(" ", "&nbsp;")}</a>'


def emails_html(value: str) -> str:
    """Text with each e-mail address made a ``mailto:`` link."""
    parts, last = [], 0
    for found in _EMAIL.finditer(value):
        address = found.group(0).rstrip(".")
        parts.append(escape(typeset(value[last : found.start()])))
        parts.append(f'<a href="mailto:{escape(address)}">{escape(address)}</a>')
        last = found.start() + len(address)
    parts.append(escape(typeset(value[last:])))
    return "".join(parts)


def emails_markdown(value: str) -> str:
    """Markdown: the text escaped, each e-mail address a ``mailto:`` link."""
    parts, last = [], 0
    for found in _EMAIL.finditer(value):
        address = found.group(0).rstrip(".")
        parts.append(text(value[last : found.start()]))
        parts.append(f"[{text(address)}](mailto:{address})")
        last = found.start() + len(address)
    parts.append(text(value[last:]))
    return "".join(parts)


def contacts_html(organization: Organization) -> str:
    """The contacts as a definition list (home and press pages)."""
    rows = "".join(
        f"<dt>{label}</dt><dd>{value}</dd>\n" for label, value in contact_rows(organization)
    )
    return f'<dl class="contacts">\n{rows}</dl>\n\n' if rows else ""


def leadership_markdown(organization: Organization) -> str:
    if not organization.leadership:
        return ""
    return "".join(f"- {text(role)}\n" for role in organization.leadership) + "\n"


def footer_html(organization: Organization) -> str:
    """The footer's text, all in Russian: the branch's full name and its contacts."""
    contacts = " · ".join(
        f'<span class="footer-contact">{label}: {value}</span>'
        for label, value in contact_rows(organization)
    )
    return f'<div class="footer-name">{escape(typeset(organization.name))}</div>\n' + (
        f'<div class="footer-contacts">{contacts}</div>\n' if contacts else ""
    )
