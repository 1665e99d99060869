"""Tamper-evident results: an HMAC-SHA256 over every byte of the file but the MAC itself.

A signed result is the JSON document with a last key `signature`:

    "signature": {
      "algorithm": "HMAC-SHA256",
      "version": 2,
      "key_id": "3f9a...",                  # names the key without revealing it
      "fields": {"trainee": "…", "passed": "…", "scenarios[0].score": "…", …},
      "value": "<hex>"
    }

`value` is the HMAC of the whole document as it stands in the file, `signature` block
included (its algorithm, version, key id and field digests, in their order), with only
`value` left out, serialised canonically (`canonical`: compact JSON, UTF-8, keys in the
file's order). The file itself must be exactly what `dumps` writes for that document,
so the MAC covers every byte but its own 64 hex digits: a changed value, key, field
order or space, a field added to or dropped from the signature block, or the block
moved, all fail.

`fields` holds a keyed digest (the first 16 hex digits of an HMAC with the same key)
of each part of the document, so that `verify` can name what changed
(`scenarios[0].score`, `scenarios[0].transcript.turns[2]`, `passed`…); it proves
nothing by itself: only `value` does.

Keys: at least 32 bytes of real entropy (`key_problem`); `temper keygen` makes one.
The key comes from, in order: `--key-file F`, $TEMPER_SIGNING_KEY (the key itself),
$TEMPER_SIGNING_KEY_FILE, or the settings file: `signing_keys` (each key with an id,
`signing_key` naming the one that signs) or `signing_key_file` (one key).

`key_id` is the key's id from the settings (`2026-q4`), or, for a key given without one,
its fingerprint (16 hex digits of an HMAC of a constant: names the key without revealing
it). `verify` picks the key by that id among the keys the settings hold (`Keyring`), so
results signed with a retired key still verify; `key_id` is covered by the MAC like the
rest, so an edited id never verifies.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import math
import os
import re
import secrets
import stat
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path

from simulator.errors import TemperError, UsageError

ALGORITHM = "HMAC-SHA256"
VERSION = 2
#: The signature block's fields, in the order they are written.
SIGNATURE_FIELDS = ("algorithm", "version", "key_id", "fields", "value")
ENV_KEY = "TEMPER_SIGNING_KEY"
ENV_KEY_FILE = "TEMPER_SIGNING_KEY_FILE"
#: A key must carry at least this much entropy (estimated from its characters).
MIN_KEY_BITS = 256
#: This many identical characters in a row (or consecutive ones, "abcdef") is a weak key.
MAX_RUN = 5
#: Bytes a key file may hold; result files larger than this are not results.
MAX_KEY_FILE_BYTES = 64 * 1024
MAX_RESULT_BYTES = 64 * 1024 * 1024
#: How deep `fields` names parts of the document (turns of a transcript go one deeper).
DIGEST_DEPTH = 3
HOW_TO_MAKE = "make one with `temper keygen signing.key` (or `openssl rand -hex 32 > signing.key`)"


#: What a key's id in the settings may look like (`2026-q4`, `north.2027-01`).
KEY_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")
_FINGERPRINT = re.compile(r"^[0-9a-f]{16}$")


def key_id_problem(key_id: str) -> str | None:
    """Why `key_id` cannot name a key in the settings, or None."""
    if not KEY_ID.match(key_id):
        return ("may hold only letters, digits, '.', '_' and '-' (starting with a letter or "
                "digit, at most 64), e.g. 2026-q4")
    if _FINGERPRINT.match(key_id):
        return ("looks like a key fingerprint (16 hex digits), which names keys given without "
                "an id; choose a name such as 2026-q4")
    return None


@dataclass(frozen=True)
class Key:
    secret: bytes
    source: str  # where it came from, for messages
    name: str | None = None  # its id in the settings' signing_keys

    @property
    def fingerprint(self) -> str:
        """Names the key without revealing it (so verify can say 'another key')."""
        return hmac.new(self.secret, b"temper-key-id", hashlib.sha256).hexdigest()[:16]

    @property
    def id(self) -> str:
        """What `sign` writes as key_id: the settings' id, else the fingerprint."""
        return self.name or self.fingerprint

    def answers_to(self, key_id) -> bool:
        """Is `key_id` (from a result) this key's id or its fingerprint?"""
        return isinstance(key_id, str) and key_id in (self.name, self.fingerprint)


@dataclass(frozen=True)
class Keyring:
    """The keys `verify` may use: the one key given (`single`), or every key the
    settings hold, found by the id a result carries. A key whose file cannot be used is
    kept as (id, why), so that only the results it signed are refused."""

    keys: tuple[Key, ...]
    where: str  # for messages: "the settings file …" or the one key's source
    single: bool = False
    broken: tuple[tuple[str, str], ...] = ()

    @classmethod
    def of(cls, key: Key) -> "Keyring":
        return cls((key,), key.source, single=True)

    def find(self, key_id) -> Key | None:
        """The key that answers to `key_id`, or None; a UsageError when it is one of the
        settings' keys whose file cannot be used."""
        for key in self.keys:
            if key.answers_to(key_id):
                return key
        for name, why in self.broken:
            if key_id == name:
                raise UsageError(why)
        return None

    @property
    def ids(self) -> list[str]:
        return [k.id for k in self.keys] + [name for name, _ in self.broken]


def dumps(doc: dict) -> str:
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def canonical(doc) -> bytes:
    """The bytes a MAC is computed over: compact JSON, UTF-8, keys in their order."""
    return json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode("utf-8", "surrogatepass")


# --- keys ----------------------------------------------------------------------------------

_HEX = set("0123456789abcdef")
_HEX_UPPER = set("0123456789ABCDEF")
_B64 = set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/-_")


def _bits_per_symbol(secret: bytes) -> tuple[float, str]:
    """How many bits each character can carry at most, judged by the characters used."""
    try:
        text = secret.decode("ascii")
    except UnicodeDecodeError:
        return 8.0, "bytes"
    if not text.isprintable():
        return 8.0, "bytes"
    chars = set(text.rstrip("="))
    if chars <= set("0123456789"):
        return math.log2(10), "decimal digits"
    if chars <= _HEX or chars <= _HEX_UPPER:
        return 4.0, "hex digits"
    if chars <= _B64:
        upper, lower = any(c.isupper() for c in chars), any(c.islower() for c in chars)
        if upper and lower:  # base64 (`openssl rand -base64 32`): 6 bits a character
            return 6.0, "base64 characters"
        pool = 26 * (upper or lower) + 10 * any(c.isdigit() for c in chars) + 2 * any(
            c in "+/-_" for c in chars)
        return math.log2(max(pool, 2)), "letters and digits"
    return math.log2(95), "characters"


def key_bits(secret: bytes) -> float:
    """The most entropy the key can hold: its length times what each character can carry."""
    per, _ = _bits_per_symbol(secret)
    symbols = len(secret.rstrip(b"=")) if per < 8 else len(secret)
    return symbols * per


def key_problem(secret: bytes) -> str | None:
    """Why `secret` is not good enough to sign results with, or None.

    It must be able to hold MIN_KEY_BITS (32 bytes) of entropy at the rate its characters
    allow (64 hex digits, 43 base64 characters, 32 random bytes…) and must not be visibly
    non-random: all one character, a run of more than MAX_RUN identical or consecutive
    characters, a short pattern repeated, or only a few characters used over and over.
    It cannot tell a random key from a guessable phrase of the same length: make keys
    with `temper keygen`.
    """
    if not secret:
        return "it is empty"
    per, kind = _bits_per_symbol(secret)
    bits = key_bits(secret)
    if len(set(secret)) == 1:
        return f"every one of its {len(secret)} characters is the same"
    if bits < MIN_KEY_BITS:
        need = math.ceil(MIN_KEY_BITS / per)
        return (f"too short: {len(secret)} {kind} hold at most {bits:.0f} bits of entropy; a key "
                f"needs {MIN_KEY_BITS} (32 bytes), e.g. {need} {kind}")
    run, start = _longest_run(secret)
    if run > MAX_RUN:
        return (f"it has a run of {run} repeated or consecutive characters at character "
                f"{start + 1}; a random key has none that long")
    period = _period(secret)
    if period:
        return f"it is a pattern of {period} characters repeated"
    counts = Counter(secret)
    entropy = -sum(c / len(secret) * math.log2(c / len(secret)) for c in counts.values())
    if entropy < 2.5:
        return (f"it uses {len(counts)} different characters over and over "
                f"({entropy:.1f} bits per character); a random key spreads over many more")
    return None


def _longest_run(secret: bytes) -> tuple[int, int]:
    """The longest stretch of identical (aaaa) or consecutive (abcd, 4321) characters."""
    best, best_at = 1, 0
    for step in (0, 1, -1):
        run, at = 1, 0
        for i in range(1, len(secret)):
            if secret[i] - secret[i - 1] == step:
                run += 1
            else:
                run, at = 1, i
            if run > best:
                best, best_at = run, at
    return best, best_at


def _period(secret: bytes) -> int:
    """The length of the pattern `secret` repeats (at least twice over), or 0 (linear time)."""
    n, border = len(secret), [0] * len(secret)
    k = 0
    for i in range(1, n):
        while k and secret[i] != secret[k]:
            k = border[k - 1]
        if secret[i] == secret[k]:
            k += 1
        border[i] = k
    p = n - border[-1]
    return p if p <= n // 2 else 0


def _key(secret: bytes, source: str) -> Key:
    problem = key_problem(secret)
    if problem:
        raise UsageError(f"the signing key from {source} is too weak: {problem}. A strong key "
                         f"is {MIN_KEY_BITS // 8} random bytes; {HOW_TO_MAKE}")
    return Key(secret, source)


def new_key_text() -> str:
    """A new random key as 64 hex digits (what `temper keygen` writes)."""
    while True:  # one random key in ~10,000 has a run of 6 and would be refused
        text = secrets.token_hex(32)
        if key_problem(text.encode("ascii")) is None:
            return text


def _read_regular(path: Path, what: str, limit: int, how: str = "") -> bytes:
    """A regular file's bytes, at most `limit`; special files (FIFOs, devices) refused."""
    where = f" ({how})" if how else ""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise UsageError(f"the {what} {path}{where} does not exist") from None
    except OSError as exc:
        raise UsageError(f"cannot read the {what} {path}{where}: {exc.strerror}") from None
    if stat.S_ISDIR(info.st_mode):
        raise UsageError(f"the {what} {path}{where} is a folder, not a file")
    if not stat.S_ISREG(info.st_mode):
        raise UsageError(f"the {what} {path}{where} is not a regular file (a device, pipe or "
                         "socket); give a file")
    if info.st_size > limit:
        raise UsageError(f"the {what} {path}{where} is {info.st_size:,} bytes; "
                         f"at most {limit:,} are expected")
    try:
        with open(path, "rb") as fh:
            data = fh.read(limit + 1)
    except OSError as exc:
        raise UsageError(f"cannot read the {what} {path}{where}: {exc.strerror}") from None
    if len(data) > limit:
        raise UsageError(f"the {what} {path}{where} is larger than {limit:,} bytes")
    return data


def _read_key_file(path: Path, how: str, name: str | None = None) -> Key:
    data = _read_regular(path, "signing key file", MAX_KEY_FILE_BYTES, how)
    return replace(_key(data.strip(), f"{path} ({how})"), name=name)


def _given_key(key_file: str | Path | None) -> Key | None:
    """The one key given on the command line or in the environment, or None."""
    if key_file:
        return _read_key_file(Path(key_file), "--key-file")
    if os.environ.get(ENV_KEY):
        return _key(os.environ[ENV_KEY].strip().encode("utf-8", "surrogateescape"), f"${ENV_KEY}")
    if os.environ.get(ENV_KEY_FILE):
        return _read_key_file(Path(os.environ[ENV_KEY_FILE]), f"${ENV_KEY_FILE}")
    return None


def _settings_key(entry: dict, config: Path) -> Key:
    return _read_key_file(Path(entry["file"]), f"key {entry['id']} in signing_keys, "
                                               f"{config}:{entry['line']}", name=entry["id"])


def _no_key() -> UsageError:
    from simulator.config import config_path

    return UsageError(
        "no signing key: results are signed so that any change to them can be detected. "
        f"Give one with --key-file FILE, the environment variable {ENV_KEY} (the key itself) "
        f"or {ENV_KEY_FILE} (a file), or in {config_path()}: `signing_keys: [{{id: ID, file: "
        f"FILE}}]` with `signing_key: ID` (or `signing_key_file: FILE`). "
        f"Make a key with: temper keygen signing.key --id ID"
    )


def load_key(key_file: str | Path | None = None) -> Key:
    """The key that signs: the one given, else the settings' `signing_key` (or
    `signing_key_file`); a UsageError saying every way to give one."""
    given = _given_key(key_file)
    if given is not None:
        return given
    from simulator.config import config_path, load_config

    settings = load_config()
    if settings.get("signing_keys"):
        [entry] = [e for e in settings["signing_keys"] if e["id"] == settings["signing_key"]]
        return _settings_key(entry, config_path())
    if settings.get("signing_key_file"):
        return _read_key_file(Path(settings["signing_key_file"]),
                              f"signing_key_file in {config_path()}")
    raise _no_key()


def load_keyring(key_file: str | Path | None = None) -> Keyring:
    """The keys results may be verified with: the one given, else every key the settings
    hold (a key whose file cannot be used is kept as the reason, for its results only)."""
    given = _given_key(key_file)
    if given is not None:
        return Keyring.of(given)
    from simulator.config import config_path, load_config

    settings = load_config()
    if settings.get("signing_keys"):
        keys, broken, lines = [], [], {}
        for entry in settings["signing_keys"]:
            try:
                key = _settings_key(entry, config_path())
            except UsageError as exc:
                broken.append((entry["id"], str(exc)))
                continue
            same = next((k for k in keys if k.secret == key.secret), None)
            if same is not None:
                raise UsageError(f"{config_path()}:{entry['line']}: signing_keys: key {key.name} "
                                 f"({entry['file']}) holds the same key as {same.name} (line "
                                 f"{lines[same.name]}); each key is listed once, under one id")
            keys.append(key)
            lines[key.name] = entry["line"]
        return Keyring(tuple(keys), f"the settings file {config_path()}", broken=tuple(broken))
    if settings.get("signing_key_file"):
        return Keyring.of(_read_key_file(Path(settings["signing_key_file"]),
                                         f"signing_key_file in {config_path()}"))
    raise _no_key()


# --- signing -------------------------------------------------------------------------------

def _digest(value, key: Key) -> str:
    return hmac.new(key.secret, canonical(value), hashlib.sha256).hexdigest()[:16]


_TRANSCRIPT = re.compile(r"(^|\.)transcript(\.turns)?$")


def _parts(value, path: str = "", depth: int = 0):
    """(path, value) of every part `fields` names: DIGEST_DEPTH levels, and each turn."""
    if isinstance(value, dict):
        items = [(f"{path}.{k}" if path else str(k), v) for k, v in value.items()]
    elif isinstance(value, list) and path:
        items = [(f"{path}[{i}]", v) for i, v in enumerate(value)]
    else:
        return
    for sub, v in items:
        yield sub, v
        deeper = depth + 1 < DIGEST_DEPTH or _TRANSCRIPT.search(sub) is not None
        if deeper and isinstance(v, (dict, list)):
            yield from _parts(v, sub, depth + 1)


def field_digests(body: dict, key: Key) -> dict[str, str]:
    return {path: _digest(v, key) for path, v in _parts(body)}


def _mac(doc: dict, key: Key) -> str:
    """The HMAC of the document with only signature.value left out."""
    sig = doc.get("signature")
    if isinstance(sig, dict):
        doc = {k: ({f: x for f, x in v.items() if f != "value"} if k == "signature" else v)
               for k, v in doc.items()}
    return hmac.new(key.secret, canonical(doc), hashlib.sha256).hexdigest()


def sign(doc: dict, key: Key) -> str:
    """The signed document's text (what to write to the file)."""
    body = {k: v for k, v in doc.items() if k != "signature"}
    body["signature"] = {"algorithm": ALGORITHM, "version": VERSION, "key_id": key.id,
                         "fields": field_digests(body, key)}
    body["signature"]["value"] = _mac(body, key)
    return dumps(body)


# --- verifying -----------------------------------------------------------------------------

@dataclass(frozen=True)
class Verdict:
    ok: bool
    message: str
    status: str = ""  # OK | CHANGED | UNVERIFIED (another key, an older signature)
    changed: tuple[str, ...] = field(default=())  # what changed, one phrase each

    def __post_init__(self):
        if not self.status:
            object.__setattr__(self, "status", "OK" if self.ok else "CHANGED")


def _changed(name: str, what: list[str]) -> Verdict:
    what = [_short(w, 200) for w in what]
    shown = what[:8] + ([f"and {len(what) - 8} more"] if len(what) > 8 else [])
    return Verdict(False, f"{name} HAS BEEN CHANGED since it was signed: " + "; ".join(shown),
                   "CHANGED", tuple(what))


def _parse(text: str) -> tuple[object, list[str]]:
    """The JSON document and any keys given twice in one object (JSON allows it, we do not)."""
    twice: list[str] = []

    def pairs(items):
        seen: dict = {}
        for k, v in items:
            if k in seen:
                twice.append(k)
            seen[k] = v
        return seen

    def no_constants(name):
        raise ValueError(f"{name} is not a number JSON allows")

    return json.loads(text, object_pairs_hook=pairs, parse_constant=no_constants), twice


def _first_difference(expected: str, actual: str) -> int:
    for n, (a, b) in enumerate(zip(expected.splitlines(True), actual.splitlines(True)), 1):
        if a != b:
            return n
    return min(len(expected.splitlines()), len(actual.splitlines())) + 1


def _describe(path: str) -> str:
    m = re.search(r"\.transcript\.turns\[(\d+)\]$", path)
    return f"{path} (reply {int(m.group(1)) + 1})" if m else path


def _content_changes(doc: dict, manifest, key: Key) -> list[str]:
    """What differs from the digests recorded at signing, most specific first."""
    if not isinstance(manifest, dict) or not all(isinstance(v, str) for v in manifest.values()):
        return []
    body = {k: v for k, v in doc.items() if k != "signature"}
    now = field_digests(body, key)
    differ = [p for p in manifest if p in now and now[p] != manifest[p]]
    removed = [p for p in manifest if p not in now]
    added = [p for p in now if p not in manifest]

    def leaf(p: str, among: list[str]) -> bool:
        return not any(q != p and (q.startswith(p + ".") or q.startswith(p + "[")) for q in among)

    def top(p: str, among: list[str]) -> bool:
        return not any(p != q and (p.startswith(q + ".") or p.startswith(q + "[")) for q in among)

    out = [f"{_describe(p)} changed" for p in differ
           if leaf(p, differ + [q for q in removed + added])]
    out += [f"{_describe(p)} was removed" for p in removed if top(p, removed)]
    out += [f"{_describe(p)} was added" for p in added if top(p, added)]
    if not out:
        both = [p for p in manifest if p in now]
        if both != [p for p in now if p in manifest]:
            first = next(p for p, q in zip(both, [p for p in now if p in manifest]) if p != q)
            out.append(f"the order of the fields changed (at {first})")
    return out


def _signature_changes(doc: dict, sig: dict) -> list[str]:
    out = []
    keys = list(sig)
    for f in keys:
        if f not in SIGNATURE_FIELDS:
            out.append(f"signature.{f} was added")
    for f in SIGNATURE_FIELDS:
        if f not in sig:
            out.append(f"signature.{f} was removed")
    known = [f for f in keys if f in SIGNATURE_FIELDS]
    if not out and known != [f for f in SIGNATURE_FIELDS if f in sig]:
        out.append("the signature's fields were reordered")
    if list(doc)[-1] != "signature":
        out.append("the signature block was moved (it must be the last field)")
    if "version" in sig and sig["version"] != VERSION:
        out.append(f"signature.version changed (to {_short(repr(sig['version']))})")
    return out


def _same(value, expected: str) -> bool:
    """Is the recorded MAC `value` the expected one (in constant time, whatever it holds)?"""
    if not isinstance(value, str):
        return False
    return hmac.compare_digest(value.encode("utf-8", "surrogatepass"), expected.encode("ascii"))


def _short(value, limit: int = 60) -> str:
    text = value if isinstance(value, str) else repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _expected_id(sig: dict, key: Key):
    """The key_id `sign` would have written with this key for this result."""
    sig_id = sig.get("key_id")
    if key.answers_to(sig_id):
        return sig_id
    if key.name is None and isinstance(sig_id, str) and key_id_problem(sig_id) is None:
        return sig_id  # an id the settings gave this key elsewhere: not ours to judge
    return key.id


def _recognised(doc: dict, sig: dict, key: Key) -> int:
    """How many of the recorded field digests this key reproduces (0: not its signature)."""
    manifest = sig.get("fields") if isinstance(sig.get("fields"), dict) else {}
    fresh = field_digests({k: v for k, v in doc.items() if k != "signature"}, key)
    return sum(1 for p, v in fresh.items() if manifest.get(p) == v)


def _mismatch(doc: dict, sig: dict, key: Key, name: str) -> list[str]:
    """Why the MAC does not match: the signature block's own changes, else the content's."""
    what = _signature_changes(doc, sig)
    content = {k: v for k, v in doc.items() if k != "signature"}
    fresh = field_digests(content, key)
    manifest = sig.get("fields") if isinstance(sig.get("fields"), dict) else {}
    recognised = sum(1 for p, v in fresh.items() if manifest.get(p) == v)
    sig_id, expected = sig.get("key_id"), _expected_id(sig, key)
    if manifest and not recognised:
        if sig_id != expected:
            return [f"\0{name} was signed with another key (key id {_short(sig_id)}; "
                    f"yours is {key.id})"]
        if key.name is not None and sig_id == key.name:
            return [f"\0{name} was signed with a key called {key.name}, but not the one this "
                    f"centre holds under that id ({key.source}): another centre's key of that "
                    "name, or that key file was replaced"]
    if sig_id != expected and "key_id" in sig:
        what.append("signature.key_id changed")
    # Put the signature block back as `sign` writes it: if the MAC then matches, the
    # content is exactly as signed and only the block was edited.
    repaired = dict(content)
    repaired["signature"] = {"algorithm": ALGORITHM, "version": VERSION, "key_id": expected,
                             "fields": fresh}
    if _same(sig.get("value"), _mac(repaired, key)):
        if manifest != fresh:
            what.append("signature.fields changed")
        return list(dict.fromkeys(what + ["the content itself is as signed"]))
    what += _content_changes(doc, manifest, key)
    return list(dict.fromkeys(what)) or ["signature.value changed"]


def verify_bytes(data: bytes, key: Key | Keyring, name: str = "the result") -> Verdict:
    """Is this exactly the file `sign` wrote with this key (or, given the settings' keys,
    with the key its key_id names)? Names what changed when not."""
    ring = key if isinstance(key, Keyring) else Keyring.of(key)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return _changed(name, [f"byte {exc.start + 1} is not UTF-8 (the file was damaged or edited)"])
    try:
        doc, twice = _parse(text)
    except RecursionError:
        return _changed(name, ["it is no longer valid JSON (nested too deeply)"])
    except json.JSONDecodeError as exc:
        return _changed(name, [f"it is no longer valid JSON (line {exc.lineno}, column "
                               f"{exc.colno}: {exc.msg})"])
    except ValueError as exc:
        return _changed(name, [f"it is no longer valid JSON ({exc})"])
    if not isinstance(doc, dict) or "signature" not in doc:
        raise TemperError(f"{name} is not signed (no \"signature\"): it cannot be verified")
    sig = doc["signature"]
    if not isinstance(sig, dict):
        return _changed(name, ["signature is no longer an object"])
    if "version" not in sig and set(sig) == {"algorithm", "key_id", "value"}:
        return Verdict(False, f"{name} was signed by an older Temper, whose signature did not cover "
                              "its own fields; it cannot be shown to be intact: certify the trainee "
                              "again to have it signed anew", "UNVERIFIED")
    if sig.get("algorithm") != ALGORITHM:
        return _changed(name, [f"signature.algorithm is {_short(repr(sig.get('algorithm')))}, not {ALGORITHM}"])
    if ring.single:
        return _verify_with(doc, text, sig, twice, ring.keys[0], name)
    chosen = ring.find(sig.get("key_id"))
    verdict = _verify_with(doc, text, sig, twice, chosen, name) if chosen is not None else None
    if verdict is None or verdict.status == "UNVERIFIED":
        # Not this key's signature: if another of the centre's keys made it, key_id was edited.
        for other in ring.keys:
            if other is not chosen and _recognised(doc, sig, other):
                return _verify_with(doc, text, sig, twice, other, name)
    if verdict is None:
        held = ", ".join(ring.ids) or "none"
        return Verdict(False, f"{name} was signed with key {_short(sig.get('key_id'))}, which this "
                              f"centre's settings do not hold (they hold {held}; "
                              f"{ring.where}): verify it where that key is kept, or list that "
                              "key in signing_keys", "UNVERIFIED")
    return verdict


def _verify_with(doc: dict, text: str, sig: dict, twice: list[str], key: Key, name: str) -> Verdict:
    try:
        expected = _mac(doc, key)
        rewritten = dumps(doc)
    except (RecursionError, ValueError):
        return _changed(name, ["its content cannot be serialised again (nested too deeply)"])
    matches = _same(sig.get("value"), expected)
    what: list[str] = []
    if twice:
        what.append(f"the key {twice[0]!r} appears twice in one object")
    if not matches:
        why = _mismatch(doc, sig, key, name)
        if why[0].startswith("\0"):  # another key
            return Verdict(False, why[0][1:], "UNVERIFIED")
        what += why
    if rewritten != text:
        line = _first_difference(rewritten, text)
        what.append(f"line {line} differs from what Temper writes for this content "
                    "(edited or re-formatted)")
    if what:
        return _changed(name, list(dict.fromkeys(what)))
    return Verdict(True, f"{name}: signature OK ({ALGORITHM}, key id {_short(sig.get('key_id'))}); "
                         "not a byte has changed since it was signed")


def verify_file(path: str | Path, key: Key | Keyring) -> Verdict:
    path = Path(path)
    try:
        os.stat(path)
    except FileNotFoundError:
        raise UsageError(f"no such result file: {path}") from None
    except OSError:
        pass
    if path.is_dir():
        raise UsageError(f"{path} is a folder; give a result file (*.result.json)")
    data = _read_regular(path, "result file", MAX_RESULT_BYTES)
    return verify_bytes(data, key, str(path))
