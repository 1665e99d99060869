"""The learned part of the reader: linear models over word and character n-grams.

Patterns see words; these models see how a reply is put, so polite blame ("it looks like
the postcode was typed wrong"), condescension and brush-offs are read as what they are.
They were trained by `tools/train_reader.py` on `corpus/` (labelled agent replies, en and
es, kept apart from every evaluation set) and ship as `data/reader_model.bin.gz`.

Inference is plain Python: a reply becomes hashed features (CRC-32, so the same text gives
the same features on every machine and run), each head sums the weights of the features
present, and a softmax gives a confidence. Nothing is downloaded or trained at run time.

Every judgement can explain itself: `explain` names the sentence and the n-gram that
weighed most, and the two nearest labelled examples of the training data (by cosine over
word n-grams) that carry the same label: "reads like: …".
"""

from __future__ import annotations

import gzip
import heapq
import json
import math
import re
import sys
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from itertools import chain

from scoring.text import clean, fold

MODEL_FILE = "reader_model.bin.gz"
EXAMPLES_FILE = "reader_examples.jsonl.gz"
BUCKETS = 1 << 20  # hashed feature space; collisions are rare at this size

_URL = re.compile(r"https?://\S+|www\.\S+|[\w.+-]+@[\w-]+\.[\w.-]+")
# The same matches, found in linear time (see _sub_urls): _URL tries its e-mail branch at
# every letter of a long word, and each try runs to the word's end (100 kB: 40 s).
_URL_NO_AT = re.compile(r"https?://\S+|www\.\S+")
_URL_AT_TOKEN_START = re.compile(r"https?://\S+|www\.\S+|(?<![\w.+-])[\w.+-]+@[\w-]+\.[\w.-]+")
_CODE = re.compile(r"#?\b(?=[A-Za-z0-9-]*\d)[A-Za-z0-9][A-Za-z0-9./-]*\b")
_TOKEN = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?|_\w+_|[?!¿¡]+|[:;]-?[()]")
_SENTENCE = re.compile(r"(?:[^.!?\n]|\.(?=\w))+(?:[.!?]+|\n|$)")
_MAY_HOLD_CODES = re.compile(r"[\d@]|www")
_CAPS = re.compile(r"\b[A-ZÁÉÍÓÚÑ]{2,}\b")


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-blank sentence of `text`."""
    return [m.span() for m in _SENTENCE.finditer(text) if m.group(0).strip()]


@lru_cache(maxsize=256)
def _name_rx(name_parts: tuple[str, ...]) -> re.Pattern | None:
    if not name_parts:
        return None
    alts = "|".join(re.escape(p) for p in sorted(set(name_parts), key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alts})(?!\w)")


def _normalise(text: str, name_parts: tuple[str, ...]) -> str:
    """Fold, and put placeholders where the words are the case's, not the agent's."""
    if _MAY_HOLD_CODES.search(text):  # one C-level scan, not a generator per character
        text = _sub_urls(text)
        text = _CODE.sub(" _code_ ", text)
    out = fold(text)
    rx = _name_rx(name_parts)
    return rx.sub(" _name_ ", out) if rx is not None else out


def _sub_urls(text: str) -> str:
    """`_URL.sub(" _url_ ", text)`, in linear time.

    Without an "@" the e-mail branch never matches. With one: where the e-mail branch fails
    at a position whose character is one it may start with, it fails at the next position
    too (a match there would extend one back), so after the place where scanning resumes,
    trying it only where a token starts finds the same matches."""
    if "@" not in text:
        return _URL_NO_AT.sub(" _url_ ", text)
    out, done, at = [], 0, 0
    while True:
        m = _URL.match(text, at) or _URL_AT_TOKEN_START.search(text, at + 1)
        if m is None:
            break
        out += (text[done:m.start()], " _url_ ")
        done = at = m.end()
    out.append(text[done:])
    return "".join(out)


def _caps_feature(raw: str, acronyms: frozenset[str]) -> list[str]:
    caps = [w for w in _CAPS.findall(raw) if fold(w) not in acronyms]
    if not caps:
        return []
    return ["caps:1" if len(caps) == 1 else "caps:2" if len(caps) == 2 else "caps:3+"]


def sentence_features(raw: str, name_parts: tuple[str, ...] = (),
                      acronyms: frozenset[str] = frozenset()) -> list[str]:
    """The named features of one sentence (readable form of `sentence_buckets`)."""
    toks = _TOKEN.findall(_normalise(raw, name_parts))
    feats = []
    for t in toks:
        feats += _word_features(t)
    padded = ["<s>"] + toks + ["</s>"]
    feats += [f"b:{a} {b}" for a, b in zip(padded, padded[1:])]
    feats += [f"t:{a} {b} {c}" for a, b, c in zip(padded, padded[1:], padded[2:])]
    feats += _caps_feature(raw, acronyms)
    return feats


@lru_cache(maxsize=65536)
def _word_features(t: str) -> tuple[str, ...]:
    """A word's own features: itself and, for longer words, its character 4-grams
    (which carry typos and inflections: "culpa", "culpable", "cuplable")."""
    out = [f"w:{t}"]
    if len(t) > 3 and t[0] != "_":
        w = f"<{t}>"
        out += [f"c:{w[i:i + 4]}" for i in range(len(w) - 3)]
    return tuple(out)


@lru_cache(maxsize=65536)
def _word_buckets(t: str) -> tuple[int, ...]:
    return tuple(bucket(f) for f in _word_features(t))


def sentence_buckets(raw: str, name_parts: tuple[str, ...] = (),
                     acronyms: frozenset[str] = frozenset()) -> list[int]:
    """The hashed features of one sentence: what the heads read (hot path, cached words)."""
    toks = _TOKEN.findall(_normalise(raw, name_parts))
    out: list[int] = list(chain.from_iterable(map(_word_buckets, toks)))  # no Python loop
    padded = ["<s>"] + toks + ["</s>"]
    out += [crc32(f"b:{a} {b}".encode()) & _MASK for a, b in zip(padded, padded[1:])]
    out += [crc32(f"t:{a} {b} {c}".encode()) & _MASK
            for a, b, c in zip(padded, padded[1:], padded[2:])]
    out += [bucket(f) for f in _caps_feature(raw, acronyms)]
    return out


_MASK = BUCKETS - 1
crc32 = zlib.crc32


def bucket(feature: str) -> int:
    return crc32(feature.encode("utf-8")) & _MASK


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
    # Every head's weights side by side, bucket -> one flat tuple: a reply's logits for
    # all heads are then one pass of C-level sums (zip/sum), not a loop per head.
    flat: dict = None
    offsets: dict = None  # head name -> (start, end) in the flat tuple
    packed: "PackedRows | None" = None  # the same rows as integers: exact sums in one C call

    def all_logits(self, buckets) -> dict:
        totals = self.packed.totals(buckets, self.width) if self.packed is not None else None
        if totals is None:  # a reply too long for exact sums, or weights off the grid
            w = self.flat
            rows = [r for r in map(w.get, buckets) if r is not None]
            totals = list(map(sum, zip(*rows))) if rows else [0.0] * self.width
        out = {}
        for name, (a, b) in self.offsets.items():
            head = self.heads[name]
            out[name] = [x + y for x, y in zip(head.bias, totals[a:b])]
        return out

    @property
    def width(self) -> int:
        return max((b for _, b in self.offsets.values()), default=0)


#: The shipped weights are float32 copies of values rounded to 4 decimals: whole multiples
#: of 2**-37 (a float32 of magnitude >= 2**-14 is). Sums of such numbers are exact in a
#: double while every partial sum stays under 2**(53 - 37), and an exact sum does not depend
#: on the order of its terms: so one integer per row, every class a 64-bit field, summed by
#: `sum()` in C, gives bit for bit the per-class float sums, without a loop per class.
GRID_EXP = 37
_FIELD = 64
_FIELD_MASK = (1 << _FIELD) - 1
_FIELD_HALF = 1 << (_FIELD - 1)
_EXACT_BELOW = 2.0 ** (53 - GRID_EXP)  # bound on any partial sum of a class
_GRID = 2.0 ** GRID_EXP


class PackedRows:
    """The model's rows as packed integers, converted the first time a bucket is read."""

    __slots__ = ("_flat", "_rows", "_max_abs", "_on_grid")

    def __init__(self, flat: dict):
        self._flat = flat
        self._rows: dict = {}  # bucket -> packed int (0 for a bucket the model lacks)
        self._max_abs = 0.0  # the largest |weight| converted so far
        self._on_grid = True

    def _convert(self, b: int) -> None:
        row = self._flat.get(b)
        if row is None:
            self._rows[b] = 0
            return
        ks = [x * _GRID for x in row]  # exact: a power of two
        if not all(k.is_integer() for k in ks):
            self._on_grid = False
            return
        self._max_abs = max(self._max_abs, max(map(abs, row)))
        # A zero adds nothing to a float sum that starts at 0 (which is never -0.0).
        self._rows[b] = sum(int(k) << (_FIELD * j) for j, k in enumerate(ks) if k)

    def total(self, buckets, spread: float = 1.0) -> int | None:
        """The packed sum of the rows of `buckets`; None when a float sum of them (of
        differences of two classes: `spread` 2) might round, and so depend on order."""
        vals = list(map(self._rows.get, buckets))
        if None in vals:  # buckets read for the first time: convert each once
            for b in {b for v, b in zip(vals, buckets) if v is None}:
                self._convert(b)
            if not self._on_grid:
                return None
            vals = list(map(self._rows.get, buckets))
        if not self._on_grid or len(vals) * spread * self._max_abs >= _EXACT_BELOW:
            return None
        return sum(vals)

    @staticmethod
    def field(total: int, j: int) -> float:
        """Class j of a packed sum, as the float the in-order sum gives."""
        if j:  # round away the fields below (each under half a field): what is left starts at j
            total = (total + (1 << (_FIELD * j - 1))) >> (_FIELD * j)
        return math.ldexp(((total + _FIELD_HALF) & _FIELD_MASK) - _FIELD_HALF, -GRID_EXP)

    def totals(self, buckets, width: int) -> list[float] | None:
        """Per class, the sum of the weights of `buckets`, or None when it cannot be
        exact (then the caller sums floats in order, as before)."""
        total = self.total(buckets)
        if total is None:
            return None
        out = []
        for _ in range(width):  # lowest field first, its borrow taken back before the next
            k = total & _FIELD_MASK
            if k >= _FIELD_HALF:
                k -= 1 << _FIELD
            out.append(math.ldexp(k, -GRID_EXP))
            total = (total - k) >> _FIELD
        return out


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
    doc, buckets, w = _unpack_arrays(gzip.decompress(raw))
    names = sorted(doc["heads"])
    offsets, width = {}, 0
    for name in names:
        k = len(doc["heads"][name]["classes"])
        offsets[name] = (width, width + k)
        width += k
    flat_t = _Rows(buckets, w, width)
    packed = PackedRows(flat_t)
    heads = {name: Head(name, tuple(doc["heads"][name]["classes"]), tuple(doc["heads"][name]["bias"]),
                        _HeadView(flat_t, *offsets[name], packed)) for name in names}
    return Model(doc["id"], heads, doc.get("meta", {}), flat_t, offsets, packed)


class _Rows:
    """bucket -> its row (every head's weights side by side, a tuple of floats), made from
    the stored float32 array when first read: making all 134,000 rows at start-up (4.5
    million floats, 200 MB) was half of the first reply, and a reply reads a few hundred."""

    __slots__ = ("_index", "_w", "_width", "_made")

    def __init__(self, buckets, w, width: int):
        self._w, self._width, self._made = w, width, {}
        # As dict(zip(buckets, rows)) had it: whole rows only, a repeated bucket's last row.
        self._index = dict(zip(buckets, range(len(w) // width if width else 0)))

    def get(self, bucket: int, default=None):
        row = self._made.get(bucket)
        if row is None:
            i = self._index.get(bucket)
            if i is None:
                return default
            row = self._made[bucket] = tuple(self._w[i * self._width:(i + 1) * self._width])
        return row

    def __getitem__(self, bucket: int) -> tuple:
        row = self.get(bucket)
        if row is None:
            raise KeyError(bucket)
        return row

    def __contains__(self, bucket) -> bool:
        return bucket in self._index

    def __len__(self) -> int:
        return len(self._index)

    def __iter__(self):
        return iter(self._index)

    def items(self):
        for bucket in self._index:
            yield bucket, self.get(bucket)


class _HeadView:
    """One head's weights, read from the model's shared table (bucket -> its slice)."""

    __slots__ = ("_flat", "_a", "_b", "_packed")

    def __init__(self, flat: dict, a: int, b: int, packed: "PackedRows | None" = None):
        self._flat, self._a, self._b, self._packed = flat, a, b, packed

    def get(self, bucket: int):
        row = self._flat.get(bucket)
        if row is None:
            return None
        ws = row[self._a:self._b]
        return ws if any(ws) else None

    def items(self):
        for bk, row in self._flat.items():
            ws = row[self._a:self._b]
            if any(ws):
                yield bk, ws


# The model file: gzip of a 4-byte header length, a JSON header (id, meta, per head its
# classes and biases, in name order; the row width and count), then the buckets as
# uint32 and, per bucket, every head's weights side by side as float32 (zeros where a
# head has none), little-endian. Binary and pre-merged, because building this table at
# start-up was most of the warm-up.
_MAGIC = b"TMPR2"


def pack(doc: dict, weights: dict) -> bytes:
    """`weights`: head -> {bucket: [one weight per class]}."""
    import struct
    from array import array

    names = sorted(weights)
    header = {"id": doc["id"], "meta": doc.get("meta", {}), "heads": {}}
    for name in names:
        h = doc["heads"][name]
        header["heads"][name] = {"classes": h["classes"], "bias": h["bias"]}
    sizes = [len(doc["heads"][n]["classes"]) for n in names]
    every = sorted(set().union(*(weights[n] for n in names)))
    b = array("I", every)
    w = array("f")
    for bk in every:
        for name, k in zip(names, sizes):
            w.extend(weights[name].get(bk) or [0.0] * k)
    header["width"], header["n"] = sum(sizes), len(every)
    if sys.byteorder != "little":
        b.byteswap()
        w.byteswap()
    head = json.dumps(header, sort_keys=True, separators=(",", ":")).encode("utf-8")
    return _MAGIC + struct.pack("<I", len(head)) + head + b.tobytes() + w.tobytes()


def unpack(blob: bytes) -> tuple[dict, list[int], list[float]]:
    """The header, the buckets and the merged weights (row-major) of a model file."""
    header, b, w = _unpack_arrays(blob)
    return header, b.tolist(), w.tolist()


def _unpack_arrays(blob: bytes):
    """`unpack`, the buckets and weights left as arrays (uint32, float32)."""
    import struct
    from array import array

    if not blob.startswith(_MAGIC):
        raise ValueError("not a Temper reader model (format 2)")
    (n,) = struct.unpack_from("<I", blob, len(_MAGIC))
    at = len(_MAGIC) + 4
    header = json.loads(blob[at:at + n].decode("utf-8"))
    at += n
    count, width = header["n"], header["width"]
    b = array("I")
    b.frombytes(blob[at:at + 4 * count])
    at += 4 * count
    w = array("f")
    w.frombytes(blob[at:at + 4 * count * width])
    if sys.byteorder != "little":
        b.byteswap()
        w.byteswap()
    return header, b, w


@dataclass(frozen=True)
class Verdict:
    """A head's decision on a reply: the class, its probability, where it weighed most."""

    head: str
    label: str
    confidence: float
    probabilities: dict


@lru_cache(maxsize=256)
def _name_parts(name: str) -> tuple[str, ...]:
    return tuple(fold(p) for p in re.split(r"[\s,]+", name.strip()) if len(p) >= 2)


class Features:
    """A reply's features, per sentence, so a judgement can point at where it weighed."""

    def __init__(self, reply: str, language: str, name: str = "",
                 acronyms: frozenset[str] = frozenset()):
        self.raw = clean(reply or "")
        self.language = language
        parts = _name_parts(name)
        self._parts, self._acronyms = parts, acronyms
        self.spans = sentences(self.raw) or [(0, len(self.raw))]
        lang_bucket = bucket(f"lang:{language}")
        self.per_sentence = [[lang_bucket] + sentence_buckets(self.raw[s:e], parts, acronyms)
                             for s, e in self.spans]
        self.buckets = list(chain.from_iterable(self.per_sentence))

    def named(self, i: int) -> list[str]:
        """The readable features of sentence i (only needed to explain a judgement)."""
        s, e = self.spans[i]
        return sentence_features(self.raw[s:e], self._parts, self._acronyms)


def decide(head: Head, feats: Features, logits: list[float] | None = None) -> Verdict:
    """The head's class for the whole reply (`logits`: precomputed by Model.all_logits)."""
    probs = softmax(logits if logits is not None else head.logits(feats.buckets))
    best = max(range(len(probs)), key=lambda i: (probs[i], -i))
    return Verdict(head.name, head.classes[best], probs[best], dict(zip(head.classes, probs)))


def evidence_margin(head: Head, feats: Features, label: str, logits: list[float]) -> float:
    """How much the reply's own words (not the head's prior) favour `label` over the
    neutral class: a judgement must be carried by what was written."""
    cls = head.classes.index(label)
    base = _baseline_class(head, cls)
    if cls == base:
        return 0.0
    return (logits[cls] - head.bias[cls]) - (logits[base] - head.bias[base])


def locate(head: Head, feats: Features, label: str) -> tuple[tuple[int, int], tuple[int, int] | None]:
    """The sentence, and the n-gram in it, that weighed most for `label`."""
    cls = head.classes.index(label)
    return _where(head, feats, cls, _baseline_class(head, cls))


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

    weights = head.weights
    if isinstance(weights, _HeadView):  # the shipped model: read the shared rows directly
        rows, ia, ib = weights._flat.get, weights._a + cls, weights._a + base

        def gain(b: int) -> float:
            r = rows(b)
            return r[ia] - r[ib] if r is not None else 0.0

        scores = [_sentence_gain(weights, bs, ia, ib) for bs in feats.per_sentence]
    else:
        def gain(b: int) -> float:
            ws = weights.get(b)
            return ws[cls] - ws[base] if ws is not None else 0.0

        scores = [sum(gain(b) for b in bs) for bs in feats.per_sentence]
    i = max(range(len(scores)), key=lambda k: (scores[k], -k))
    s, e = feats.spans[i]
    cue = None
    best_gain = 0.0
    for name in feats.named(i):
        if name[:2] in ("b:", "t:"):
            g = gain(bucket(name))
            if g > best_gain:
                best_gain, cue = g, name[2:]
    return (s, e), _locate(feats.raw, s, e, cue)


def _sentence_gain(weights: "_HeadView", bs: list[int], ia: int, ib: int) -> float:
    """The sum over a sentence's buckets of class ia's weight minus class ib's."""
    packed = weights._packed
    total = packed.total(bs, 2.0) if packed is not None else None
    if total is None:  # in order, as floats
        rows = weights._flat.get
        return sum(r[ia] - r[ib] for r in map(rows, bs) if r is not None)
    return packed.field(total, ia) - packed.field(total, ib)


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
def training_replies(language: str) -> list[str]:
    """The training corpus's replies in one language (shipped with the model)."""
    return [item["reply"] for item in _example_items() if item["language"] == language]


@lru_cache(maxsize=1)
def _example_items() -> tuple[dict, ...]:
    """The training replies with their labels, as shipped (no index built)."""
    raw = _read_bytes(EXAMPLES_FILE)
    if raw is None:
        return ()
    return tuple(json.loads(line) for line in gzip.decompress(raw).decode("utf-8").splitlines()
                 if line.strip())


@lru_cache(maxsize=1)
def _examples() -> tuple[tuple[dict, ...], dict]:
    """The training replies, and an index from word n-gram to them."""
    items = _example_items()
    # Grouped by (language, head, label): a judgement compares the reply only with the
    # examples that carry its label, a few hundred set intersections at most.
    groups: dict[tuple, list] = {}
    for item in items:
        grams = word_grams(item["reply"], item["language"])
        for head, label in item["labels"].items():
            groups.setdefault((item["language"], head, label), []).append(
                (grams, math.sqrt(len(grams)) or 1.0, item["reply"]))
    return items, groups


def word_grams(text: str, language: str) -> frozenset[int]:
    toks = _TOKEN.findall(_normalise(clean(text), ()))
    toks = [t for t in toks if t[0].isalpha()]
    return frozenset(bucket(g) for g in toks + [f"{a} {b}" for a, b in zip(toks, toks[1:])])


class ReadsLike(Sequence):
    """The nearest training replies behind a judgement, found when first looked at.

    Finding them compares the reply with every example of its label, which costs more
    than the judgement itself; most judgements are never shown, so the search waits
    until a report or a terminal prints them. Behaves as the tuple it stands for."""

    __slots__ = ("_args", "_items")

    def __init__(self, text: str, language: str, head: str, label: str):
        self._args, self._items = (text, language, head, label), None

    def _get(self) -> tuple[str, ...]:
        if self._items is None:
            self._items = nearest(*self._args)
        return self._items

    def __getitem__(self, i):
        return self._get()[i]

    def __len__(self) -> int:
        return len(self._get())

    def __eq__(self, other) -> bool:
        return tuple(self) == tuple(other) if isinstance(other, (tuple, Sequence)) else NotImplemented

    def __hash__(self) -> int:
        return hash(self._get())

    def __repr__(self) -> str:
        return repr(self._get())


def nearest(text: str, language: str, head: str, label: str, k: int = 2) -> tuple[str, ...]:
    """The k training replies most like `text` that carry `label` in `head`."""
    _, groups = _examples()
    candidates = groups.get((language, head, label), ())
    if not candidates:
        return ()
    grams = word_grams(text, language)
    norm = math.sqrt(len(grams)) or 1.0
    scored = [(-len(grams & g) / (norm * gn), n) for n, (g, gn, _) in enumerate(candidates)]
    return tuple(candidates[n][2] for _, n in heapq.nsmallest(k, scored))
