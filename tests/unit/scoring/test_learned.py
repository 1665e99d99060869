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
