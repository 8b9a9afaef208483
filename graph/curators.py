"""Who may curate: named curators, each with a token of their own, kept as hashes.

The curators file (``IISGRAPH_CURATORS``) holds one curator a line, ``name<TAB>sha256:<hex>``;
``#`` starts a comment. Only the SHA-256 of each token is kept: tokens are long random strings
(``new_token``), so a fast hash does not make them guessable, and a leaked file does not leak
a token. The write token (``IISGRAPH_WRITE_TOKEN``) acts as the administrator, so a server
with no curators file still accepts curation from its operator.

>>> line, token = curator_line("alice")
>>> curators = Curators.parse(line, "curators.tsv")
>>> curators.by_token(token).name
'alice'
>>> curators.by_token("wrong") is None
True
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from pathlib import Path

from graph.errors import BadInput

ADMINISTRATOR = "administrator"
_NAME = re.compile(r"[a-z0-9][a-z0-9._-]{0,63}")
_HASH = re.compile(r"sha256:([0-9a-f]{64})")


@dataclass(frozen=True)
class Curator:
    """A person who may record curation acts; ``name`` is their public key
    (``{base}id/curator/{name}``)."""

    name: str
    administrator: bool = False


def token_hash(token: str) -> str:
    return "sha256:" + hashlib.sha256(token.encode()).hexdigest()


def new_token() -> str:
    """A fresh random token (256 bits)."""
    return secrets.token_urlsafe(32)


def curator_line(name: str) -> tuple[str, str]:
    """A curators-file line for a new curator and the token to hand them (shown once)."""
    if not _NAME.fullmatch(name):
        raise BadInput(
            f"{name!r} is no curator name: lower-case letters, digits, '.', '_' or '-', at most 64"
        )
    token = new_token()
    return f"{name}\t{token_hash(token)}", token


class Curators:
    """The curators of a server, looked up by the token a request carries."""

    def __init__(self, hashes: dict[str, str], write_token: str | None = None) -> None:
        self._hashes = hashes  # token hash → name
        self._write_token = write_token

    @classmethod
    def parse(cls, text: str, name: str, write_token: str | None = None) -> Curators:
        """Read a curators file's text; a malformed line is an error naming file and line."""
        hashes: dict[str, str] = {}
        names: set[str] = set()
        for number, raw in enumerate(text.splitlines(), start=1):
            line = raw.split("#", 1)[0].strip()
            if not line:
                continue
            who, _, hashed = (part.strip() for part in line.partition("\t"))
            if not hashed:
                who, _, hashed = line.partition(" ")
                hashed = hashed.strip()
            where = f"{name}, line {number}"
            if not _NAME.fullmatch(who):
                raise BadInput(
                    f"{where}: {who!r} is no curator name (lower-case letters, digits, "
                    "'.', '_' or '-')"
                )
            if who == ADMINISTRATOR:
                raise BadInput(f"{where}: {ADMINISTRATOR!r} is the write token's name")
            if not _HASH.fullmatch(hashed):
                raise BadInput(
                    f"{where}: expected 'name<TAB>sha256:<64 hex digits>' (the hash of the "
                    "token, never the token), got no such hash"
                )
            if who in names:
                raise BadInput(f"{where}: curator {who!r} is listed twice")
            names.add(who)
            hashes[hashed] = who
        return cls(hashes, write_token)

    @classmethod
    def load(cls, path: str | None, write_token: str | None) -> Curators:
        if path is None:
            return cls({}, write_token)
        try:
            text = Path(path).read_text("utf-8")
        except OSError as exc:
            raise BadInput(f"cannot read the curators file {path!r}: {exc.strerror}") from None
        return cls.parse(text, path, write_token)

    @property
    def enabled(self) -> bool:
        return bool(self._hashes) or bool(self._write_token)

    def names(self) -> list[str]:
        return sorted(self._hashes.values())

    def by_token(self, token: str) -> Curator | None:
        """The curator a token belongs to (compared in constant time), or None."""
        if self._write_token and hmac.compare_digest(token.encode(), self._write_token.encode()):
            return Curator(ADMINISTRATOR, administrator=True)
        hashed = token_hash(token)
        for known, name in self._hashes.items():
            if hmac.compare_digest(hashed, known):
                return Curator(name)
        return None
