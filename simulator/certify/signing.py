"""Tamper-evident results: HMAC-SHA256 over the result file's exact bytes.

A signed result is the JSON document with a last key `signature`:

    "signature": {"algorithm": "HMAC-SHA256", "key_id": "3f9a...", "value": "<hex>"}

`value` is the HMAC of the document *without* `signature`, serialised canonically
(compact JSON, UTF-8, keys in their order). `verify` checks both that the HMAC matches
(so no value was changed) and that the file is exactly what `dumps` writes for its
content (so no byte was changed, not even white space).

The key comes from, in order: `--key-file F`, $TEMPER_SIGNING_KEY (the key itself),
$TEMPER_SIGNING_KEY_FILE, or `signing_key_file` in the settings file.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
from dataclasses import dataclass
from pathlib import Path

from simulator.errors import TemperError, UsageError

ALGORITHM = "HMAC-SHA256"
ENV_KEY = "TEMPER_SIGNING_KEY"
ENV_KEY_FILE = "TEMPER_SIGNING_KEY_FILE"
MIN_KEY_CHARS = 16


@dataclass(frozen=True)
class Key:
    secret: bytes
    source: str  # where it came from, for messages

    @property
    def id(self) -> str:
        """Names the key without revealing it (so verify can say 'another key')."""
        return hmac.new(self.secret, b"temper-key-id", hashlib.sha256).hexdigest()[:16]


def dumps(doc: dict) -> str:
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def _read_key_file(path: Path, how: str) -> Key:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise UsageError(f"the signing key file {path} ({how}) does not exist") from None
    except OSError as exc:
        raise UsageError(f"cannot read the signing key file {path} ({how}): {exc.strerror}") from None
    return _key(data.strip(), f"{path} ({how})")


def _key(secret: bytes, source: str) -> Key:
    if len(secret) < MIN_KEY_CHARS:
        raise UsageError(f"the signing key from {source} is too short ({len(secret)} characters; "
                         f"use at least {MIN_KEY_CHARS}, e.g. from `openssl rand -hex 32`)")
    return Key(secret, source)


def load_key(key_file: str | Path | None = None) -> Key:
    """The signing key, or a UsageError saying every way to give one."""
    if key_file:
        return _read_key_file(Path(key_file), "--key-file")
    if os.environ.get(ENV_KEY):
        return _key(os.environ[ENV_KEY].strip().encode("utf-8"), f"${ENV_KEY}")
    if os.environ.get(ENV_KEY_FILE):
        return _read_key_file(Path(os.environ[ENV_KEY_FILE]), f"${ENV_KEY_FILE}")
    from simulator.config import config_path, load_config

    configured = load_config().get("signing_key_file")
    if configured:
        return _read_key_file(Path(configured), f"signing_key_file in {config_path()}")
    raise UsageError(
        "no signing key: results are signed so that any change to them can be detected. "
        f"Give one with --key-file FILE, the environment variable {ENV_KEY} (the key itself) "
        f"or {ENV_KEY_FILE} (a file), or `signing_key_file: FILE` in {config_path()}. "
        "Make a key with: openssl rand -hex 32 > signing.key"
    )


def canonical(doc: dict) -> bytes:
    return json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _mac(doc: dict, key: Key) -> str:
    body = {k: v for k, v in doc.items() if k != "signature"}
    return hmac.new(key.secret, canonical(body), hashlib.sha256).hexdigest()


def sign(doc: dict, key: Key) -> str:
    """The signed document's text (what to write to the file)."""
    body = {k: v for k, v in doc.items() if k != "signature"}
    body["signature"] = {"algorithm": ALGORITHM, "key_id": key.id, "value": _mac(body, key)}
    return dumps(body)


@dataclass(frozen=True)
class Verdict:
    ok: bool
    message: str


def verify_bytes(data: bytes, key: Key, name: str = "the result") -> Verdict:
    try:
        text = data.decode("utf-8")
        doc = json.loads(text)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        return Verdict(False, f"{name} has been changed or damaged: it is no longer valid JSON ({exc})")
    if not isinstance(doc, dict) or not isinstance(doc.get("signature"), dict):
        raise TemperError(f"{name} is not signed (no \"signature\"): it cannot be verified")
    sig = doc["signature"]
    if sig.get("algorithm") != ALGORITHM:
        return Verdict(False, f"{name}: unknown signature algorithm {sig.get('algorithm')!r}")
    expected = _mac(doc, key)
    if not hmac.compare_digest(str(sig.get("value", "")), expected):
        if sig.get("key_id") != key.id:
            return Verdict(False, f"{name} was signed with another key (key id {sig.get('key_id')}; "
                                  f"yours is {key.id}), or its signature was changed")
        return Verdict(False, f"{name} HAS BEEN CHANGED since it was signed: its content does not "
                              "match the signature")
    if dumps(doc) != text:
        return Verdict(False, f"{name} HAS BEEN CHANGED since it was signed: the values match but "
                              "the bytes do not (edited or re-formatted)")
    return Verdict(True, f"{name}: signature OK (HMAC-SHA256, key id {key.id}); not a byte has changed")


def verify_file(path: str | Path, key: Key) -> Verdict:
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise UsageError(f"no such result file: {path}") from None
    except IsADirectoryError:
        raise UsageError(f"{path} is a folder; give a result file (*.result.json)") from None
    except OSError as exc:
        raise UsageError(f"cannot read {path}: {exc.strerror}") from None
    return verify_bytes(data, key, str(path))
