"""Every message a trainee or trainer can read has a translation, checked with the same
tools that build the catalogues (tools/i18n.py: Babel for the core's gettext catalogue,
Qt's lupdate/lrelease files for the widgets). A message added without its Spanish, a
fuzzy guess, a lost placeholder or a compiled file older than its source fails here."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
#: Words that are the same in both languages.
SAME = {"Chat", "WhatsApp", "Plan", "plan", "%(score)s / 100", "%(seconds)s s", "%(result)s: %(why)s",
        "%(date)s, %(time)s", "Temper", "temper: error: %(message)s"}
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]")


def _tool():
    spec = importlib.util.spec_from_file_location("temper_i18n", REPO / "tools" / "i18n.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


i18n = _tool()


TEMPLATE = i18n.extract()
SPANISH = i18n.read("es")


def _ids(catalog):
    return {m.id if isinstance(m.id, str) else m.id[0] for m in catalog if m.id}


def test_the_extractor_finds_the_messages_people_read():
    ids = _ids(TEMPLATE)
    # the report template, a cohort table, the scorer's session note, a terminal line,
    # the end banner and a "Not passed" note
    for msgid in ("What to practise next", "Never apologised",
                  "You never apologised: say 'I'm so sorry' early, before negotiating.",
                  "Outcome: %(outcome)s", "The customer agreed: conversation resolved.",
                  "Not passed: the customer gave up and left.", "%(num)d reply"):
        assert msgid in ids, msgid
    assert len(ids) > 150


def test_a_message_without_a_translation_is_found():
    from babel.messages.catalog import Catalog

    catalog = Catalog(locale="es", domain="temper")
    for m in SPANISH:
        if m.id and m.id != "Never apologised":
            catalog.add(m.id, m.string)
    assert i18n.untranslated(catalog, TEMPLATE) == ["Never apologised"]


def test_every_core_message_has_a_spanish_translation():
    assert i18n.untranslated(SPANISH, TEMPLATE) == []


@pytest.mark.parametrize("message", [m for m in SPANISH if m.id], ids=lambda m: str(m.id)[:40])
def test_each_translation_is_spanish_with_the_same_placeholders(message):
    ids = message.id if isinstance(message.id, tuple) else (message.id,)
    strings = message.string if isinstance(message.string, tuple) else (message.string,)
    for text in strings:
        assert sorted(PLACEHOLDER.findall(text)) == sorted(PLACEHOLDER.findall(ids[-1])), text
    assert strings[0] != ids[0] or ids[0] in SAME or not re.search(r"[a-z]{3}", PLACEHOLDER.sub("", ids[0])), \
        f"the 'Spanish' for {ids[0]!r} is the English"


def test_the_shipped_catalogue_is_compiled_from_the_po():
    assert i18n.mo_path("es").read_bytes() == i18n.mo_bytes(SPANISH), \
        "simulator/locale/es/LC_MESSAGES/temper.mo is stale: run python tools/i18n.py compile"


def test_the_catalogue_is_installed_as_package_data():
    text = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    assert "locale/*/LC_MESSAGES/*.mo" in text and "translations/*.qm" in text
