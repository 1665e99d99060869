"""The language of the app's own interface (menus, buttons, dialogs): the system's
(English or Spanish) unless the trainee chose one (View ▸ Language, the setting
`view/language`; TEMPER_LANGUAGE overrides both, for kiosks and tests).

The widgets' words go through `self.tr()` and Qt's translation files
(`ui/translations/temper_<lang>.ts`, compiled to the shipped `.qm` by pyside6-lrelease;
see tools/i18n.py); Qt's own dialogs (Open, Save, Yes/No) use Qt's bundled `qtbase_*.qm`.
What the app says *about a session* (coaching, the report, the end banner) is in the
session's language instead, from the core's gettext catalogue.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from ui import settings

LANGUAGES = ("en", "es")
#: The names a trainee picks from, each in its own language.
NATIVE_NAMES = {"en": "English", "es": "Español"}
SETTING = "view/language"
HERE = Path(__file__).with_name("translations")

_installed: list[QTranslator] = []
_in_use = ["en"]


def chosen() -> str:
    """The trainee's choice: "" (follow the system), "en" or "es"."""
    value = os.environ.get("TEMPER_LANGUAGE", "").strip().lower()[:2] or settings.get_str(SETTING, "")
    return value if value in LANGUAGES else ""


def system_language() -> str:
    for name in QLocale.system().uiLanguages() or [QLocale.system().name()]:
        code = name.replace("_", "-").split("-")[0].lower()
        if code in LANGUAGES:
            return code
    return "en"


def current() -> str:
    return chosen() or system_language()


def install(app: QCoreApplication | None = None, lang: str | None = None) -> str:
    """Load the interface's translations for `lang` (default: `current()`) into the
    application, replacing any loaded before; returns the language now in use."""
    app = app or QCoreApplication.instance()
    lang = lang if lang in LANGUAGES else current()
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    if lang != "en":
        ours = QTranslator(app)
        if not ours.load(str(HERE / f"temper_{lang}.qm")):
            raise FileNotFoundError(f"the interface's translations are missing: {HERE / f'temper_{lang}.qm'}")
        qt = QTranslator(app)
        if qt.load(f"qtbase_{lang}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
            _installed.append(qt)
        _installed.append(ours)
        for translator in _installed:
            app.installTranslator(translator)
    QLocale.setDefault(QLocale(QLocale.Language.Spanish if lang == "es" else QLocale.Language.English))
    _in_use[0] = lang
    return lang


def in_use() -> str:
    """The language the interface speaks now (the last `install`): what the app's own
    messages from the core (History's Resume, for one) are written in."""
    return _in_use[0]


def choose(lang: str) -> None:
    """Remember the trainee's choice ("" = the system's) for the next start."""
    settings.put(SETTING, lang if lang in LANGUAGES else "")


def said(message: object) -> str:
    """A message from the core (a results store's error, a scenario file's problem, the
    news of the corrections' move) in the interface's language: the core keeps its
    msgid (simulator.errors.L_) and its catalogue has the Spanish."""
    from simulator.errors import said as in_language

    return in_language(message, in_use())
