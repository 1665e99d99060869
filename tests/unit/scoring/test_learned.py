"""The learned part of the reader: shipped, offline, deterministic, and it explains itself."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

import pytest

from scoring import ReplyContext, score_reply
from scoring.learned import Features, bucket, load_model, sentence_features

REPO = Path(__file__).resolve().parents[3]


def test_the_shipped_model_was_trained_on_the_corpus_as_it_is():
    model = load_model()
    assert model is not None, "scoring/data/reader_model.bin.gz is missing: run tools/train_reader.py"
    h = hashlib.sha256()
    for p in sorted((REPO / "corpus").glob("*.jsonl")):
        h.update(p.read_bytes())
    assert model.meta["corpus_sha256"] == h.hexdigest(), \
        "the corpus changed since the model was trained: run tools/train_reader.py"


def test_features_are_the_same_in_every_process():
    """CRC-32, not Python's salted hash(): a fresh interpreter gives the same buckets."""
    text = "I'm so sorry, Ana. You should have checked the postcode at www.example.com!"
    here = [bucket(f) for f in sentence_features(text)]
    code = ("from scoring.learned import bucket, sentence_features;"
            f"print([bucket(f) for f in sentence_features({text!r})])")
    there = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                           cwd=REPO, env={"PYTHONHASHSEED": "123", "PATH": ""}, check=True).stdout
    assert str(here) == there.strip()


def test_cached_and_readable_features_agree():
    f = Features("Thank you, Ana. Honestly, you should have read the terms. Order AB-12 is late!!",
                 "en", "Ana")
    for i, (s, e) in enumerate(f.spans):
        assert f.per_sentence[i][1:] == [bucket(n) for n in f.named(i)]


POLITE_BLAME = {
    "en": "It looks like the delivery address was typed with the wrong house number when you ordered.",
    "es": "Por lo que veo, la dirección se escribió con el número de portal equivocado al hacer el pedido.",
}


@pytest.mark.parametrize("lang", ["en", "es"])
def test_a_learned_judgement_shows_where_it_weighed_and_what_it_reads_like(lang):
    reply = POLITE_BLAME[lang]
    r = score_reply(ReplyContext(reply=reply, language=lang, phase="empathy"))
    learned = [e for e in r["calm"].evidence if e.source.startswith("model:")]
    assert learned, f"polite blame not read: {r['calm']}"
    e = learned[0]
    assert reply[e.start:e.end] == e.text and e.text.strip()
    assert len(e.reads_like) == 2 and all(isinstance(x, str) and x for x in e.reads_like)
    assert 0.5 <= e.confidence <= 1.0
    if e.confidence < 0.75:
        assert e.reason.lower().startswith(("possibly", "posiblemente"))


@pytest.mark.parametrize(("lang", "reply"), [
    ("en", "One moment please, I'm just pulling up your account."),
    ("en", "Thank you so much for your patience!!"),
    ("en", "Nobody should have to chase a refund three times, I'm so sorry."),
    ("en", "Could you confirm the last four digits of the card and the CVV is not needed?"),
    ("es", "Un momento, por favor, estoy revisando su cuenta."),
    ("es", "¡Muchísimas gracias por su paciencia!"),
    ("es", "Para verificar su identidad necesito su NIF, por favor."),
])
def test_everyday_calm_replies_raise_no_calm_fault(lang, reply):
    r = score_reply(ReplyContext(reply=reply, language=lang, phase="empathy"))
    assert r["calm"].score >= 0, [e.to_dict() for e in r["calm"].evidence]


def test_the_same_reply_is_always_judged_the_same():
    ctx = ReplyContext(reply=POLITE_BLAME["en"], phase="empathy")
    assert score_reply(ctx).to_dict() == score_reply(ctx).to_dict()


def test_a_long_reply_is_read_by_vader_in_chunks_with_the_same_verdict():
    """VADER's cost grows as the square of a text's words: past VADER_CHUNK characters the
    text is read in sentence-ending chunks, and a reply that is negative throughout stays so."""
    from scoring.tone import VADER_CHUNK, _compound, _vader

    v = _vader()
    short = "This is awful and the service is terrible."
    assert _compound(v, short) == v.polarity_scores(short)["compound"]
    long_negative = " ".join([short] * (3 * VADER_CHUNK // len(short)))
    assert len(long_negative) > VADER_CHUNK and _compound(v, long_negative) < -0.5
    long_mixed = " ".join(["Thank you, that is wonderful news."] * 200 + [short] * 5)
    assert _compound(v, long_mixed) > 0


def test_identifiers_are_found_where_their_token_starts():
    from scoring.text import Prepared

    p = Prepared("Ref AB-12345, mail ana.b+x@mail.co.uk or see www.x.com and code #A1B2C.")
    assert [p.raw[a:b] for a, b in p.idents] == ["AB-12345", "ana.b+x@mail.co.uk", "www.x.com", "#A1B2C"]
    assert Prepared("a" * 50000).idents == []  # one long word: scanned once, not from every letter


def test_packed_sums_are_the_in_order_float_sums():
    """The heads sum packed integers (order-free); that must give bit for bit what summing
    the float32 weights in reply order gives, per class and as a difference of two."""
    import random
    from array import array

    from scoring.learned import PackedRows

    rng = random.Random(9)
    for _ in range(300):
        width = rng.randint(1, 40)
        rows = {b: tuple(array("f", [rng.choice((0, 0, rng.randint(-30000, 30000))) * 1e-4
                                     for _ in range(width)]).tolist()) for b in range(50)}
        packed = PackedRows(rows)
        buckets = [rng.randrange(60) for _ in range(rng.randint(0, 200))]
        present = [rows[b] for b in buckets if b in rows]
        in_order = list(map(sum, zip(*present))) if present else [0.0] * width
        assert packed.totals(buckets, width) == in_order
        total, ia, ib = packed.total(buckets, 2.0), rng.randrange(width), rng.randrange(width)
        assert [packed.field(total, j) for j in range(width)] == in_order
        assert packed.field(total, ia) - packed.field(total, ib) == sum(r[ia] - r[ib] for r in present)


def test_packed_sums_give_way_to_float_sums_where_they_could_round():
    from scoring.learned import PackedRows

    packed = PackedRows({1: (2.5, -1.0), 2: (0.1, 0.0)})  # the double 0.1: not on the grid
    assert packed.totals([1] * 30000, 2) is None  # partial sums past 2**16 may round
    assert packed.totals([1, 2], 2) is None  # a weight off the 2**-37 grid


def test_urls_are_found_as_the_plain_pattern_finds_them():
    """`_sub_urls` is `_URL.sub` in linear time: the same text out on every input."""
    import random

    from scoring.learned import _URL, _sub_urls

    rng = random.Random(3)
    for _ in range(20000):
        text = "".join(rng.choice("ab1.+-@_ :/hwt\n") for _ in range(rng.randint(0, 30)))
        text = text.replace("h", "http://", rng.random() < 0.3).replace("w", "www.", rng.random() < 0.3)
        assert _sub_urls(text) == _URL.sub(" _url_ ", text), text
