"""Temper's translations: extract the messages, update the catalogues, compile them.

    python tools/i18n.py extract    # messages from the code -> the .pot and each .po (and Qt's .ts)
    python tools/i18n.py compile    # .po -> the shipped .mo; .ts -> the shipped .qm
    python tools/i18n.py check      # list every message without a translation (exit 1 if any)

Two catalogues, one per toolkit:
- the core's (simulator/, the scorer's notes, the report templates, and what the app says
  *about a session*, in the session's language): GNU gettext, domain `temper`, in
  `simulator/locale/<lang>/LC_MESSAGES/temper.po`, extracted and compiled with Babel;
- the app's own interface (menus, buttons, dialogs, in the system's or the chosen
  language): Qt's `ui/translations/temper_<lang>.ts`, made by pyside6-lupdate and compiled by
  pyside6-lrelease, both shipped with PySide6.

The compiled files (.mo, .qm) are committed and installed as package data, so nothing is
fetched or built at run time; `tests/unit/test_translations.py` fails when a message has
no translation or a compiled file is older than its source.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOMAIN = "temper"
LOCALE = ROOT / "simulator" / "locale"
POT = LOCALE / f"{DOMAIN}.pot"
LANGUAGES = ("es",)
QT_DIR = ROOT / "ui" / "translations"
#: The gettext calls in the core: w(...) is a session's `Words`, N_ marks a table entry,
#: L_ a message said later in the reader's language (simulator.errors.L_).
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "N_": None, "w": None, "L_": None}
#: Where the core's messages are (the ui modules that speak in the session's language too).
SOURCES = (
    ("simulator/**.py", "python"),
    ("scoring/**.py", "python"),
    ("ui/report_view.py", "python"),
    ("ui/session_view.py", "python"),
    ("ui/coaching.py", "python"),
    ("simulator/templates/**.html", "jinja2.ext:babel_extract"),
)


def po_path(lang: str) -> Path:
    return LOCALE / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def mo_path(lang: str) -> Path:
    return po_path(lang).with_suffix(".mo")


def extract():
    """The core's messages as a Babel catalogue, straight from the sources."""
    from babel.messages.catalog import Catalog
    from babel.messages.extract import extract_from_dir

    catalog = Catalog(project="Temper", domain=DOMAIN, charset="utf-8")
    method_map = [(pattern, method) for pattern, method in SOURCES]
    with warnings.catch_warnings():
        # Babel notes every f-string passed as a *keyword argument* (a value, never a msgid).
        warnings.simplefilter("ignore")
        found = list(extract_from_dir(
            str(ROOT), method_map, keywords=KEYWORDS, comment_tags=("TRANSLATORS:",),
            strip_comment_tags=True,
            options_map={"simulator/templates/**.html": {"trim_blocks": "True", "lstrip_blocks": "True"}}))
    for filename, lineno, message, comments, context in found:
        if not message or (isinstance(message, tuple) and not message[0]):
            continue
        catalog.add(message, None, [(filename, lineno)], auto_comments=comments, context=context,
                    flags=("python-format",) if "%" in (message[0] if isinstance(message, tuple) else message) else ())
    return catalog


def read(lang: str):
    from babel.messages.pofile import read_po

    with po_path(lang).open("rb") as f:
        return read_po(f, locale=lang, domain=DOMAIN)


def untranslated(catalog, template) -> list[str]:
    """The msgids of `template` that `catalog` does not translate (or marks fuzzy)."""
    out = []
    for message in template:
        if not message.id:
            continue
        found = catalog.get(message.id)
        strings = () if found is None else (found.string if isinstance(found.string, tuple) else (found.string,))
        if found is None or found.fuzzy or not strings or not all(strings):
            out.append(message.id if isinstance(message.id, str) else message.id[0])
    return out


def mo_bytes(catalog) -> bytes:
    from babel.messages.mofile import write_mo

    buf = io.BytesIO()
    write_mo(buf, catalog)
    return buf.getvalue()


def cmd_extract() -> None:
    from babel.messages.pofile import write_po

    template = extract()
    LOCALE.mkdir(parents=True, exist_ok=True)
    with POT.open("wb") as f:
        write_po(f, template, width=96, omit_header=False, sort_output=True)
    for lang in LANGUAGES:
        path = po_path(lang)
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.exists():
            catalog = read(lang)
            catalog.update(template, no_fuzzy_matching=True)
        else:
            from babel.messages.catalog import Catalog

            catalog = Catalog(locale=lang, domain=DOMAIN, project="Temper", charset="utf-8")
            catalog.update(template, no_fuzzy_matching=True)
        with path.open("wb") as f:
            write_po(f, catalog, width=96, sort_output=True, ignore_obsolete=True)
    _qt("lupdate")


def cmd_compile() -> None:
    for lang in LANGUAGES:
        mo_path(lang).write_bytes(mo_bytes(read(lang)))
    _qt("lrelease")


def _qt(tool: str) -> None:
    """pyside6-lupdate over the widgets -> ui/i18n/*.ts; pyside6-lrelease -> *.qm."""
    exe = shutil.which(f"pyside6-{tool}") or str(Path(sys.executable).with_name(f"pyside6-{tool}"))
    QT_DIR.mkdir(exist_ok=True)
    for lang in LANGUAGES:
        ts = QT_DIR / f"temper_{lang}.ts"
        if tool == "lupdate":
            sources = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "ui").glob("*.py"))
            subprocess.run([exe, *sources, "-no-obsolete", "-target-language", lang, "-ts", str(ts)],
                           cwd=ROOT, check=True)
        else:
            subprocess.run([exe, str(ts), "-qm", str(ts.with_suffix(".qm"))], cwd=ROOT, check=True)


def cmd_check() -> int:
    template = extract()
    missing = {lang: untranslated(read(lang), template) for lang in LANGUAGES}
    for lang, ids in missing.items():
        for msgid in ids:
            print(f"{po_path(lang).relative_to(ROOT)}: no translation for {msgid!r}")
    return 1 if any(missing.values()) else 0


def main(argv: list[str]) -> int:
    commands = {"extract": cmd_extract, "compile": cmd_compile, "check": cmd_check}
    if len(argv) != 1 or argv[0] not in commands:
        print(__doc__)
        return 2
    return commands[argv[0]]() or 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
