"""The learned part of the reader: linear models over word and character n-grams.

Patterns see words; these models see how a reply is put, so polite blame ("it looks like
the postcode was typed wrong"), condescension and brush-offs are read as what they are.
They were trained by `tools/train_reader.py` on `corpus/` (labelled agent replies, en and
es, kept apart from every evaluation set) and ship as `data/reader_model.json.gz`.

Inference is plain Python: a reply becomes hashed features (CRC-32, so the same text gives
the same features on every machine and run), each head sums the weights of the features
present, and a softmax gives a confidence. Nothing is downloaded or trained at run time.

Every judgement can explain itself: `explain` names the sentence and the n-gram that
weighed most, and the two nearest labelled examples of the training data (by cosine over
word n-grams) that carry the same label: "reads like: …".
"""

from __future__ import annotations

import gzip
import json
import math
import re
import zlib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from scoring.text import clean, fold

MODEL_FILE = "reader_model.json.gz"
EXAMPLES_FILE = "reader_examples.jsonl.gz"
BUCKETS = 1 << 20  # hashed feature space; collisions are rare at this size

_URL = re.compile(r"https?://\S+|www\.\S+|[\w.+-]+@[\w-]+\.[\w.-]+")
_CODE = re.compile(r"#?\b(?=[A-Za-z0-9-]*\d)[A-Za-z0-9][A-Za-z0-9./-]*\b")
_TOKEN = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?|_\w+_|[?!¿¡]+|[:;]-?[()]")
_SENTENCE = re.compile(r"(?:[^.!?\n]|\.(?=\w))+(?:[.!?]+|\n|$)")
_CAPS = re.compile(r"\b[A-ZÁÉÍÓÚÑ]{2,}\b")


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-blank sentence of `text`."""
    return [m.span() for m in _SENTENCE.finditer(text) if m.group(0).strip()]


def _normalise(text: str, name_parts: tuple[str, ...]) -> str:
    """Fold, and put placeholders where the words are the case's, not the agent's."""
    text = _URL.sub(" _url_ ", text)
    text = _CODE.sub(" _code_ ", text)
    out = fold(text)
    for part in name_parts:
        out = re.sub(rf"(?<!\w){re.escape(part)}(?!\w)", " _name_ ", out)
    return out


def _caps_feature(raw: str, acronyms: frozenset[str]) -> list[str]:
    caps = [w for w in _CAPS.findall(raw) if fold(w) not in acronyms]
    if not caps:
        return []
    return ["caps:1" if len(caps) == 1 else "caps:2" if len(caps) == 2 else "caps:3+"]


def sentence_features(raw: str, name_parts: tuple[str, ...] = (),
                      acronyms: frozenset[str] = frozenset()) -> list[str]:
    """The named features of one sentence (the training tool uses the same function)."""
    toks = _TOKEN.findall(_normalise(raw, name_parts))
    feats = [f"w:{t}" for t in toks]
    padded = ["<s>"] + toks + ["</s>"]
    feats += [f"b:{a} {b}" for a, b in zip(padded, padded[1:])]
    feats += [f"t:{a} {b} {c}" for a, b, c in zip(padded, padded[1:], padded[2:])]
    for t in toks:
        if len(t) > 3 and t[0] != "_":
            w = f"<{t}>"
            feats += [f"c:{w[i:i + 4]}" for i in range(len(w) - 3)]
    feats += _caps_feature(raw, acronyms)
    return feats


def bucket(feature: str) -> int:
    return zlib.crc32(feature.encode("utf-8")) & (BUCKETS - 1)


@dataclass(frozen=True)
class Head:
    """One output of the model: classes and, per feature bucket, a weight per class."""

    name: str
    classes: tuple[str, ...]
    bias: tuple[float, ...]
    weights: dict  # bucket -> tuple of one weight per class

    def logits(self, buckets) -> list[float]:
        out = list(self.bias)
        w = self.weights
        for b in buckets:
            ws = w.get(b)
            if ws is not None:
                for i, x in enumerate(ws):
                    out[i] += x
        return out


def softmax(logits: list[float]) -> list[float]:
    top = max(logits)
    exps = [math.exp(x - top) for x in logits]
    total = sum(exps)
    return [e / total for e in exps]


@dataclass(frozen=True)
class Model:
    id: str
    heads: dict  # name -> Head
    meta: dict


def _read_bytes(name: str) -> bytes | None:
    try:
        return resources.files("scoring").joinpath("data", name).read_bytes()
    except (FileNotFoundError, OSError):
        return None


@lru_cache(maxsize=1)
def load_model() -> Model | None:
    """The shipped model, or None when it is absent (the reader then uses rules only)."""
    raw = _read_bytes(MODEL_FILE)
    if raw is None:
        return None
    doc = json.loads(gzip.decompress(raw).decode("utf-8"))
    heads = {}
    for name, h in doc["heads"].items():
        weights = {int(b): tuple(ws) for b, ws in h["weights"].items()}
        heads[name] = Head(name, tuple(h["classes"]), tuple(h["bias"]), weights)
    return Model(doc["id"], heads, doc.get("meta", {}))


@dataclass(frozen=True)
class Verdict:
    """A head's decision on a reply: the class, its probability, where it weighed most."""

    head: str
    label: str
    confidence: float
    probabilities: dict
    sentence: tuple[int, int]  # the sentence that weighed most for `label`
    cue: tuple[int, int] | None  # the word n-gram inside it that weighed most


class Features:
    """A reply's features, per sentence, so a judgement can point at where it weighed."""

    def __init__(self, reply: str, language: str, name: str = "",
                 acronyms: frozenset[str] = frozenset()):
        self.raw = clean(reply or "")
        self.language = language
        parts = tuple(fold(p) for p in re.split(r"[\s,]+", name.strip()) if len(p) >= 2)
        self.spans = sentences(self.raw) or [(0, len(self.raw))]
        self.named = [[f"lang:{language}"] + sentence_features(self.raw[s:e], parts, acronyms)
                      for s, e in self.spans]
        self.per_sentence = [[bucket(f) for f in fs] for fs in self.named]
        self.buckets = [b for bs in self.per_sentence for b in bs]


def decide(head: Head, feats: Features) -> Verdict:
    """The head's class for the whole reply and the sentence that weighed most for it."""
    logits = head.logits(feats.buckets)
    probs = softmax(logits)
    best = max(range(len(probs)), key=lambda i: (probs[i], -i))
    base = _baseline_class(head, best)
    sentence, cue = _where(head, feats, best, base)
    return Verdict(head.name, head.classes[best], probs[best],
                   dict(zip(head.classes, probs)), sentence, cue)


def _baseline_class(head: Head, best: int) -> int:
    """The class a judgement is weighed against: "none"/"calm" when the head has one."""
    for neutral in ("none", "calm", "no"):
        if neutral in head.classes:
            return head.classes.index(neutral)
    return 1 - best if len(head.classes) == 2 else best


def _where(head: Head, feats: Features, cls: int, base: int) -> tuple[tuple[int, int], tuple[int, int] | None]:
    """The sentence, and the n-gram within it, that most favour `cls` over `base`."""
    if cls == base or len(feats.spans) == 0:
        return feats.spans[0], None

    def gain(b: int) -> float:
        ws = head.weights.get(b)
        return ws[cls] - ws[base] if ws is not None else 0.0

    scores = [sum(gain(b) for b in bs) for bs in feats.per_sentence]
    i = max(range(len(scores)), key=lambda k: (scores[k], -k))
    s, e = feats.spans[i]
    cue = None
    best_gain = 0.0
    for name in feats.named[i]:
        if name[:2] in ("b:", "t:"):
            g = gain(bucket(name))
            if g > best_gain:
                best_gain, cue = g, name[2:]
    return (s, e), _locate(feats.raw, s, e, cue)


def _locate(raw: str, s: int, e: int, ngram: str | None) -> tuple[int, int] | None:
    """Where the folded n-gram `ngram` stands in raw[s:e] (placeholders match anything)."""
    if not ngram:
        return None
    toks = [t for t in ngram.split() if t not in ("<s>", "</s>")]
    if not toks:
        return None
    pieces = [r"\S+" if t.startswith("_") and t.endswith("_") else re.escape(t) for t in toks]
    rx = re.compile(r"(?<!\w)" + r"\W+".join(pieces) + r"(?!\w)")
    m = rx.search(fold(raw[s:e]))
    return (s + m.start(), s + m.end()) if m else None


# --------------------------------------------------------------------------- "reads like"
@lru_cache(maxsize=1)
def _examples() -> tuple[list[dict], dict]:
    """The training replies with their labels, and an index from word n-gram to them."""
    raw = _read_bytes(EXAMPLES_FILE)
    items = []
    if raw is not None:
        for line in gzip.decompress(raw).decode("utf-8").splitlines():
            if line.strip():
                items.append(json.loads(line))
    index: dict[int, list[int]] = {}
    norms = []
    for n, item in enumerate(items):
        grams = _grams(item["reply"], item["language"])
        for g in grams:
            index.setdefault(g, []).append(n)
        norms.append(math.sqrt(len(grams)) or 1.0)
        item["_norm"] = norms[-1]
    return items, index


def _grams(text: str, language: str) -> frozenset[int]:
    toks = _TOKEN.findall(_normalise(clean(text), ()))
    toks = [t for t in toks if t[0].isalpha()]
    return frozenset(bucket(g) for g in toks + [f"{a} {b}" for a, b in zip(toks, toks[1:])])


def nearest(text: str, language: str, head: str, label: str, k: int = 2) -> tuple[str, ...]:
    """The k training replies most like `text` that carry `label` in `head`."""
    items, index = _examples()
    if not items:
        return ()
    grams = _grams(text, language)
    overlap: dict[int, int] = {}
    for g in grams:
        for n in index.get(g, ()):
            overlap[n] = overlap.get(n, 0) + 1
    norm = math.sqrt(len(grams)) or 1.0
    ranked = sorted(
        ((c / (norm * items[n]["_norm"]), n) for n, c in overlap.items()
         if items[n]["language"] == language and items[n]["labels"].get(head) == label),
        key=lambda x: (-x[0], x[1]))
    return tuple(items[n]["reply"] for _, n in ranked[:k])
