"""Editors' text made uniform: one Unicode form, no invisible control characters.

Text typed on a Mac may spell «й» as «и» plus a combining breve (NFD); the same name typed
on Windows is one character (NFC). Both look the same and must match the same municipality
or parse as the same period, so all text is normalised to NFC as soon as it is read.

Office programs paste invisible characters: C0 and C1 controls, Word's line break (vertical
tab), the Unicode line and paragraph separators (U+2028, U+2029) and the bidirectional
overrides (U+202A…U+202E, U+2066…U+2069) that can make text display in a different order
than it reads. They are removed (or become a space where they separate words) and counted.
None of them becomes a line break, so line numbers in messages stay those of the file.
"""

from __future__ import annotations

import re
import unicodedata

_CONTROL = re.compile(
    r"[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f\ufffe\uffff\u202a-\u202e\u2066-\u2069]"
)
"""C0 controls except whitespace, DEL, C1 except NEL, non-characters, bidirectional controls."""
_SPACING_CONTROL = re.compile(r"[\x0b\x0c\x0d\x1c-\x1f\x85\u2028\u2029]")
"""Controls that separate words (Word writes its line break as \\x0b): they become spaces."""
_SURROGATE = re.compile(r"[\ud800-\udfff]")


def nfc(text: str) -> str:
    """``text`` in Unicode normalisation form C (composed: «й» is one character)."""
    return unicodedata.normalize("NFC", text)


def remove_control_chars(text: str) -> tuple[str, int]:
    """``text`` without control characters and how many were changed.

    Control characters (C0 except tab and newline, DEL, C1) and the bidirectional controls
    are removed; those that separate words (vertical tab, form feed, the information
    separators, NEL, the Unicode line and paragraph separators) are replaced by a space so
    that words do not run together. Every one counts as removed.
    """
    text, spacing = _SPACING_CONTROL.subn(" ", text)
    text, controls = _CONTROL.subn("", text)
    return text, spacing + controls


def lone_surrogates(text: str) -> tuple[str, int]:
    """``text`` without lone surrogates, and how many there were.

    A ``\\ud800`` escape in YAML gives a string no file can hold: it cannot be published.
    """
    return _SURROGATE.subn("", text)
