"""The diagram's layout model: what the scenario lab draws, placed in plain Python.

Checked the way a reader of the picture would notice: every phase and ending is there,
nothing is drawn on top of anything else, every arrow starts and ends on its boxes and
crosses none, guards carry the scenario's own numbers, and a format 2 scenario shows
its concerns and what addresses each.
"""

from __future__ import annotations

import pytest

from scoring.model import PHASES
from simulator.authoring import starter
from simulator.format.loader import load_scenario, parse_scenario
from simulator.format.scenario import ENDINGS
from simulator.library import bundled_dir
from simulator.rulebook.diagram import Rect, layout, mermaid, wrap

BUNDLED = sorted(bundled_dir().glob("*.yaml"))


def scenarios():
    for path in BUNDLED:
        yield pytest.param(load_scenario(path), id=path.stem)
    for lang in ("en", "es"):
        yield pytest.param(parse_scenario(starter(lang, "email", "mine"), "mine.yaml", "mine"),
                           id=f"starter-{lang}")


def on_border(point, r: Rect, tol=1e-6) -> bool:
    x, y = point
    inside_x = r.x - tol <= x <= r.right + tol
    inside_y = r.y - tol <= y <= r.bottom + tol
    return (inside_x and (abs(y - r.y) < tol or abs(y - r.bottom) < tol)) or \
           (inside_y and (abs(x - r.x) < tol or abs(x - r.right) < tol))


def crosses(a, b, r: Rect) -> bool:
    """Does the axis-aligned segment a–b pass through the inside of r?"""
    (x0, y0), (x1, y1) = a, b
    lo_x, hi_x, lo_y, hi_y = min(x0, x1), max(x0, x1), min(y0, y1), max(y0, y1)
    return lo_x < r.right and hi_x > r.x and lo_y < r.bottom and hi_y > r.y


@pytest.mark.parametrize("measure, line_height", [(len, 1.0), (lambda s: 7.3 * len(s) + 2, 17.0)],
                         ids=["characters", "a wider font"])
@pytest.mark.parametrize("scenario", list(scenarios()))
def test_nothing_is_drawn_on_top_of_anything_else(scenario, measure, line_height):
    model = layout(scenario, measure=measure, line_height=line_height)
    boxes = model.boxes
    for i, a in enumerate(boxes):
        assert 0 <= a.rect.x and a.rect.right <= model.width + 1e-6, a.id
        assert 0 <= a.rect.y and a.rect.bottom <= model.height + 1e-6, a.id
        for b in boxes[i + 1:]:
            assert not a.rect.overlaps(b.rect), f"{a.id} overlaps {b.id}"
    # every text fits inside its box
    for box in boxes:
        assert len(box.lines) * line_height <= box.rect.h + 1e-6, box.id
        for line in box.lines:
            assert measure(line) <= box.rect.w + 1e-6, (box.id, line)


@pytest.mark.parametrize("scenario", list(scenarios()))
def test_arrows_run_from_their_source_to_their_destination_and_cross_no_box(scenario):
    model = layout(scenario)
    for arrow in model.arrows:
        dest = model.box(arrow.dest).rect
        assert on_border(arrow.points[-1], dest), f"{arrow.dest}: the head is not on its box"
        if len(arrow.sources) == 1:
            assert on_border(arrow.points[0], model.box(arrow.sources[0]).rect), arrow
        else:  # from any phase: it leaves the bus, which every phase reaches
            bus = model.wires[-1]
            assert arrow.points[0][0] == bus[0][0] and bus[0][1] <= arrow.points[0][1] <= bus[1][1]
        own = {arrow.dest, *arrow.sources}
        for a, b in zip(arrow.points, arrow.points[1:]):
            for box in model.boxes:
                if box.id not in own:
                    assert not crosses(a, b, box.rect), f"the arrow to {arrow.dest} crosses {box.id}"
    for wire in model.wires:
        for a, b in zip(wire, wire[1:]):
            for box in model.boxes:
                if box.id not in PHASES:
                    assert not crosses(a, b, box.rect), f"the bus crosses {box.id}"


def test_every_phase_and_ending_is_drawn_with_the_guards_in_the_scenarios_numbers():
    scenario = load_scenario(bundled_dir() / "late_delivery.yaml")
    model = layout(scenario)
    for state in (*PHASES, *ENDINGS):
        assert model.has(state), state
    assert model.box("resolved").kind == "good"
    assert {model.box(e).kind for e in ("escalated", "abandoned", "closed")} == {"bad"}
    h = scenario.hostility
    assert model.arrow("escalated").label.text == f"hostility ≥ {h.breaking_point:g}"
    assert f"{h.max_turns} replies without agreement" in model.arrow("abandoned").label.text
    assert f"hostility < {h.agrees_below:g}" in model.arrow("resolved", "resolution").label.text
    assert f"after {h.rise_turns} replies" in model.arrow("empathy", "venting").label.text
    assert model.arrow("escalated").sources == PHASES, "a bad ending is reached from any phase"
    assert model.box("title").lines[0] == scenario.title


def test_a_customer_who_leaves_never_escalates_and_the_picture_says_so():
    scenario = load_scenario(bundled_dir() / "wrong_food_order.yaml")
    assert scenario.hostility.gives_up_by == "abandoned"
    model = layout(scenario)
    assert model.box("escalated").kind == "unreachable"
    assert "never" in model.box("escalated").text
    assert not any(a.dest == "escalated" for a in model.arrows)
    assert f"hostility ≥ {scenario.hostility.breaking_point:g}" in model.arrow("abandoned").label.text


def test_format_2_concerns_are_drawn_with_what_addresses_each():
    scenario = load_scenario(bundled_dir() / "expired_return.yaml")
    model = layout(scenario)
    concerns = [b for b in model.boxes if b.kind == "concern"]
    assert [b.id for b in concerns] == [f"concern:{c.id}" for c in scenario.concerns]
    by_id = {c.id: c for c in scenario.concerns}
    offers = {o.id: o for o in scenario.offers}
    for box in concerns:
        concern = by_id[box.id.split(":", 1)[1]]
        assert box.text.startswith(concern.need)
        for oid in concern.offers:
            assert offers[oid].label in box.text
        for fact in concern.facts:
            assert f"{fact} ({scenario.facts[fact]})" in box.text
        for act in concern.acts:
            assert act in box.text
    assert "every concern addressed" in model.arrow("resolution", "negotiation").label.text
    # the offers the agent may not make are named, so an author sees the trap
    forbidden = [o for o in scenario.offers if not o.allowed]
    assert forbidden
    note = model.box("note:not-allowed").text
    assert all(o.label in note for o in forbidden)
    # and the concerns come after the rulebook, not on top of it
    assert min(b.rect.y for b in concerns) > model.box("resolved").rect.bottom


def test_format_1_has_no_concerns_and_its_guard_is_the_policy():
    scenario = parse_scenario(starter("en", "chat", "mine"), "mine.yaml", "mine")
    model = layout(scenario)
    assert not [b for b in model.boxes if b.kind in ("concern", "heading", "note")]
    guard = model.arrow("resolution", "negotiation").label.text
    assert guard.startswith(f"offer within policy ({scenario.policy.min_days:g}+ days")


def test_wrap_never_lets_a_line_overflow_even_a_long_word():
    text = "see /home/trainer/.local/share/temper/scenarios/a_very_long_file_name_for_a_scenario.yaml now"
    lines = wrap(text, 20)
    assert all(len(line) <= 20 for line in lines)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")


def test_the_text_diagram_is_unchanged_by_the_picture():
    scenario = load_scenario(bundled_dir() / "late_delivery.yaml")
    text = mermaid(scenario)
    assert text.startswith("stateDiagram-v2\n")
    assert "    venting --> escalated: hostility >= 98\n" in text
    assert "every concern addressed  the coat before Saturday" in text
