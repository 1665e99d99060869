"""The library's folders: bundled scenarios (read-only), the user's own folder under the
data folder, and copies that are scenarios of their own."""

from __future__ import annotations

import pytest

from simulator.format.loader import parse_scenario
from simulator.library import (
    bundled, bundled_dir, is_bundled, library, origin_of, resolve, scenario_id_for,
    suggested_copy_path, text_with_id, user_dir,
)


def test_the_users_folder_is_under_the_data_folder(temper_home):
    assert user_dir() == temper_home / "scenarios"
    assert library() == bundled(), "no folder yet: only the bundled scenarios, no error"


def test_where_an_entry_comes_from(temper_home, tmp_path):
    assert is_bundled(bundled_dir() / "late_delivery.yaml")
    assert origin_of(bundled_dir() / "late_delivery.yaml") == "bundled"
    assert origin_of(temper_home / "scenarios" / "x.yaml") == "yours"
    assert origin_of(tmp_path / "elsewhere.yaml") == "opened"
    assert not is_bundled(tmp_path / "scenarios" / "late_delivery.yaml"), "the same name elsewhere is not bundled"


def test_a_copy_gets_its_own_id_and_a_name_that_overwrites_nothing(temper_home):
    text = (bundled_dir() / "late_delivery.yaml").read_text(encoding="utf-8")
    copy = text_with_id(text, "my_coat")
    assert parse_scenario(copy, "my_coat.yaml", "my_coat").id == "my_coat"
    assert copy.count("\n") == text.count("\n") and copy.replace("id: my_coat", "id: late_delivery") == text
    assert text_with_id("format: 1\ntitle: x\n", "y") == "format: 1\ntitle: x\n", "no id line: the file name is the id"
    assert scenario_id_for("My Coat (2)") == "my_coat_2"
    first = suggested_copy_path("late_delivery")
    assert first == temper_home / "scenarios" / "late_delivery_copy.yaml"
    first.parent.mkdir(parents=True)
    first.write_text(copy, encoding="utf-8")
    assert suggested_copy_path("late_delivery") == temper_home / "scenarios" / "late_delivery_copy_2.yaml"


def test_your_scenarios_are_listed_after_the_bundled_ones_and_resolve_by_id(temper_home):
    folder = temper_home / "scenarios"
    folder.mkdir()
    text = (bundled_dir() / "late_delivery.yaml").read_text(encoding="utf-8")
    (folder / "my_coat.yaml").write_text(text_with_id(text, "my_coat"), encoding="utf-8")
    (folder / "broken.yaml").write_text("format: 2\ntitle: [unclosed\n", encoding="utf-8")
    entries = library()
    assert [e.origin for e in entries[:len(bundled())]] == ["bundled"] * len(bundled())
    yours = {e.path.name: e for e in entries if e.origin == "yours"}
    assert set(yours) == {"my_coat.yaml", "broken.yaml"}
    assert yours["my_coat.yaml"].scenario.id == "my_coat"
    assert yours["broken.yaml"].scenario is None and yours["broken.yaml"].problems
    assert resolve("my_coat").id == "my_coat", "temper play my_coat finds your copy"
    with pytest.raises(Exception, match="did you mean 'my_coat'"):
        resolve("my_coal")
