"""The branch's details, the ``organization`` part of ``data/plan.yaml``: names, contacts,
leadership. Every page that shows who the branch is or how to reach it reads them from here.

Names and ``about`` are required; the contacts may be missing while the site is prepared,
and ``plansite check --publish`` (see :mod:`plansite.cli.publish`) refuses to publish a site whose
contacts are missing or still the shipped placeholders.
"""

from __future__ import annotations

import re

from plansite.load import fields
from plansite.load.fields import as_mapping, check_keys, join
from plansite.load.yamlsource import LineDict
from plansite.model import Organization
from plansite.problems import ProblemLog

REQUIRED_KEYS = ("name", "short_name", "about", "press_contact")
CONTACT_KEYS = ("address", "email", "phone")
KEYS = (*REQUIRED_KEYS, *CONTACT_KEYS, "leadership")

_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s.]+")

PLACEHOLDER = re.compile(r"\[[^\]]*\]")
"""Text in square brackets stands for a value still to be filled in: «[телефон отделения]»."""
EXAMPLE_DOMAIN = re.compile(r"\.example(?=$|[/:\s.,;)»])", re.IGNORECASE)
"""The reserved example domain (RFC 2606), which never reaches anyone."""


def is_placeholder(value: str) -> bool:
    """A shipped stand-in, not a real contact: bracketed text or an ``.example`` address."""
    return bool(PLACEHOLDER.search(value) or EXAMPLE_DOMAIN.search(value))


def read_organization(root: LineDict, log: ProblemLog) -> Organization | None:
    """The ``organization`` mapping of the plan file, or None when it cannot be used."""
    if "organization" not in root:
        return None
    mapping = as_mapping(root["organization"], "organization", root.line_of("organization"), log)
    if mapping is None:
        return None
    check_keys(mapping, "organization", KEYS, REQUIRED_KEYS, log)
    required = {key: fields.read_text(mapping, key, "organization", log) for key in REQUIRED_KEYS}
    contacts = {
        key: fields.read_optional_text(mapping, key, "organization", log) or ""
        for key in CONTACT_KEYS
    }
    if contacts["email"] and not _EMAIL.fullmatch(contacts["email"]):
        log.add(
            mapping.line_of("email"),
            join("organization", "email"),
            f"«{contacts['email']}» — не адрес электронной почты: пишите его целиком, "
            "например «info@example.ru».",
        )
    leadership = fields.read_text_list(mapping, "leadership", "organization", log)
    texts = {key: value for key, value in required.items() if value is not None}
    if len(texts) < len(required):
        return None
    lines = tuple((key, mapping.line_of(key)) for key in KEYS if key in mapping)
    return Organization(
        name=texts["name"],
        short_name=texts["short_name"],
        about=texts["about"],
        press_contact=texts["press_contact"],
        address=contacts["address"],
        email=contacts["email"],
        phone=contacts["phone"],
        leadership=leadership,
        field_lines=lines,
    )
