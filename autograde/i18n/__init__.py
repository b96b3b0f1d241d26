"""Which language autograde speaks, and its words in that language (docs/i18n.md).

The language is chosen once per command (:func:`choose`): ``--lang``, then
``$AUTOGRADE_LANG``, then the course's ``[tool.autograde] language``, then the locale
(``LC_ALL``, ``LC_MESSAGES``, ``LANG`` starting with ``ko``), else English. Words come from
standard gettext catalogues: autograde's own in ``autograde/i18n/locale/LANG/LC_MESSAGES/
autograde.mo`` (shipped in the wheel), a course's in ``COURSE/locale/LANG/LC_MESSAGES/
course.mo``. A message id is the English text; a missing translation falls back to it.
"""

from __future__ import annotations

import gettext
import os
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Mapping, Sequence

from autograde.errors import ConfigError
from autograde.i18n.text import COURSE, OURS, Join, Message, Text, course, from_data, lines, render, say, t, to_data

if TYPE_CHECKING:  # autograde.config imports this package's text module: no import of it here
    from autograde.config import Course

__all__ = ["LANGUAGES", "N_", "Join", "Message", "Text", "Words", "choose", "course", "lines", "render", "say", "t"]

LANGUAGES = ("en", "ko")
LOCALE = Path(__file__).parent / "locale"


def N_(msgid: str) -> str:
    """Mark ``msgid`` for the catalogue where it is defined; it is translated where it is
    shown (``_(LABEL[status])``)."""
    return msgid


def choose(flag: str | None = None, *, configured: str = "", environ: Mapping[str, str] | None = None) -> str:
    """The language to speak: ``flag`` (--lang), ``$AUTOGRADE_LANG``, ``configured`` (the
    course's setting), the locale, English."""
    environ = os.environ if environ is None else environ
    for value, where in ((flag, "--lang"), (environ.get("AUTOGRADE_LANG"), "$AUTOGRADE_LANG"),
                         (configured, "[tool.autograde] language")):
        if value:
            return checked(value, where)
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name, "")
        if value:  # the first one set decides, as in POSIX
            return "ko" if value.lower().startswith("ko") else "en"
    return "en"


def checked(value: str, where: str) -> str:
    """``value`` as a language code, or a ConfigError that names ``where`` it came from."""
    code = value.strip().lower().replace("-", "_").split("_")[0].split(".")[0]
    if code not in LANGUAGES:
        raise ConfigError(f"{where} is {value!r}; autograde speaks {', '.join(LANGUAGES)}")
    return code


def catalogue_path(folder: Path, language: str, domain: str) -> Path:
    """Where gettext keeps ``domain``'s catalogue for ``language`` under ``folder``."""
    return folder / language / "LC_MESSAGES" / f"{domain}.mo"


@lru_cache(maxsize=None)
def _translations(path: Path, stamp: float) -> gettext.NullTranslations:
    if stamp < 0:
        return gettext.NullTranslations()
    with path.open("rb") as f:
        return gettext.GNUTranslations(f)


def _load(path: Path) -> gettext.NullTranslations:
    try:
        stamp = path.stat().st_mtime
    except OSError:
        stamp = -1.0
    return _translations(path, stamp)


class Words:
    """autograde's and a course's words in one language: ``words("Score")`` for our own
    text, ``words.render(message)`` for a message (:mod:`autograde.i18n.text`)."""

    def __init__(self, language: str = "en", course_root: Path | None = None) -> None:
        self.language = language
        self._ours = _load(catalogue_path(LOCALE, language, OURS)) if language != "en" else gettext.NullTranslations()
        self._course = (_load(catalogue_path(course_root / "locale", language, COURSE))
                        if language != "en" and course_root is not None else gettext.NullTranslations())

    def lookup(self, domain: str, msgid: str) -> str:
        """The translation of ``msgid`` in ``domain`` (the English when there is none)."""
        return (self._course if domain == COURSE else self._ours).gettext(msgid)

    def __call__(self, msgid: str, /, **args: object) -> str:
        """One of autograde's own texts, formatted with ``args``."""
        template = self._ours.gettext(msgid)
        return template.format(**args) if args else template

    def plural(self, singular: str, plural: str, n: int, /, **args: object) -> str:
        """One of autograde's texts that depends on a count ``n`` (also given as ``{n}``)."""
        return self._ours.ngettext(singular, plural, n).format(n=n, **args)

    def render(self, message: Message | None) -> str:
        """``message`` written in this language."""
        return render(message, self.lookup)

    def written(self, message: Message | None) -> tuple[str, Any]:
        """``message`` written in this language, and its language-neutral data (None for
        plain text, which reads the same in every language)."""
        return self.render(message), (to_data(message) if isinstance(message, (Text, Join)) else None)

    def again(self, text: str, data: Any) -> str:
        """A stored message in this language: written again from its ``data`` when it has
        some, else the ``text`` as it was stored."""
        return self.render(from_data(data)) if data is not None else text

    def again_each(self, texts: Sequence[str], data: Sequence[Any]) -> tuple[str, ...]:
        """Stored notes in this language (:meth:`again` each); as stored where they have no
        data, one item per note."""
        if len(data) != len(texts):
            return tuple(texts)
        return tuple(self.again(text, d) for text, d in zip(texts, data))

    @classmethod
    def chosen(cls, flag: str | None, course: Course | None) -> Words:
        """The words of the language a command speaks (:func:`choose`, with ``course``'s
        setting), with ``course``'s catalogue."""
        if course is None:
            return cls(choose(flag))
        return cls(choose(flag, configured=course.language), course.root)
