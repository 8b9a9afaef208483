"""Settings, read once from ``IISGRAPH_*`` environment variables.

Nothing else in iisgraph reads the environment. Every field has a description; the README
lists them all (``tests/test_docs.py`` checks it).

>>> Settings(store="/tmp/x").store
'/tmp/x'
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from graph.namespaces import DEFAULT_BASE
from graph.public_query import QueryLimits


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="IISGRAPH_", frozen=True, extra="ignore")

    store: str = Field(
        "iisgraph-store",
        description="Path of the embedded on-disk store, or the URL of a SPARQL server.",
    )
    store_user: str | None = Field(
        None, description="User name for a SPARQL server store (Basic or Digest auth)."
    )
    store_password: SecretStr | None = Field(
        None, description="Password for a SPARQL server store (never logged or shown)."
    )
    store_token: SecretStr | None = Field(
        None, description="Bearer token for a SPARQL server store (instead of user/password)."
    )
    store_auth: Literal["basic", "digest"] = Field(
        "digest",
        description="How the user and password are sent to a SPARQL server store: digest "
        "(Virtuoso's /sparql-auth) or basic (Fuseki, GraphDB behind a proxy).",
    )
    store_dialect: Literal["auto", "virtuoso", "oxigraph", "generic"] = Field(
        "auto",
        description="Which SPARQL server the store is, for the quirks iisgraph works around: "
        "virtuoso, oxigraph or generic (standard SPARQL only); auto tells it from the store "
        "URL (Virtuoso's /sparql-auth, /sparql-graph-crud or port 8890; Oxigraph's /query).",
    )
    store_memory: Literal["auto", "on", "off"] = Field(
        "auto",
        description="Answer a server's reads of the embedded store from a copy in memory, "
        "2-4 times faster for queries that join many rows (about 0.4 GB a million triples, "
        "made in about 8 s a million; the disk stays the store of record). auto: when the "
        "copy fits in a quarter of the memory available as the server starts, made while "
        "it answers from the disk; on: always, made before it answers (also for the "
        "one-shot commands); off: never.",
    )
    store_timeout: float = Field(
        300.0, gt=0, description="Seconds a request to a SPARQL server store may take."
    )
    store_batch: int = Field(
        1,
        ge=1,
        description="Sources sent to a SPARQL server store in one update request when "
        "ingesting (1 for Virtuoso, which compiles a request into at most 32 KB of code).",
    )
    base: str = Field(
        DEFAULT_BASE,
        description="Base under which every thing and graph IRI is minted.",
    )
    query_timeout: float = Field(
        10.0, gt=0, description="Seconds a public SPARQL query may run before it is stopped."
    )
    max_results: int = Field(
        10_000, gt=0, description="Most rows (or triples) a public SPARQL query may return."
    )
    client_query_seconds: float = Field(
        30.0,
        gt=0,
        description="Query time a client may spend on /sparql and /queries in a minute; past "
        "it, 429 with Retry-After.",
    )
    client_header: str | None = Field(
        None,
        description="Behind a trusted proxy: the header naming the client's address "
        "(e.g. X-Forwarded-For).",
    )
    query_max_bytes: int = Field(
        100_000, gt=0, description="Largest public SPARQL query accepted, in bytes."
    )
    query_max_tokens: int = Field(
        5_000,
        gt=0,
        description="Most terms (words, names, values, operators) in a public SPARQL query: "
        "thousands of FILTER terms take the engine down rather than time out.",
    )
    query_max_depth: int = Field(
        100, gt=0, description="Deepest nesting of groups and brackets in a public SPARQL query."
    )

    @field_validator("store_memory", mode="before")
    @classmethod
    def _store_memory_word(cls, value: object) -> object:
        """The yes and no words of the boolean this setting was (``1``, ``true``, ``0``...)."""
        if isinstance(value, bool):
            return "on" if value else "off"
        if isinstance(value, str):
            word = value.strip().lower()
            if word in {"1", "true", "yes"}:
                return "on"
            if word in {"0", "false", "no"}:
                return "off"
            return word
        return value

    @property
    def query_limits(self) -> QueryLimits:
        """The size limits of a public query, checked before the engine sees it."""
        return QueryLimits(self.query_max_bytes, self.query_max_tokens, self.query_max_depth)

    workers: int = Field(
        1,
        ge=1,
        description="Web processes of iisgraph serve, sharing one store engine: one "
        "interpreter serialises the Python work of a process's requests, so a server of a "
        "single process uses about 1.5 cores under load (the number of cores is the usual "
        "choice). Each keeps its own answers (response_cache) and grants a client its part of "
        "client_query_seconds (a client that always reaches the same process gets that part).",
    )
    response_cache: int = Field(
        512,
        ge=0,
        description="How many read answers the server keeps in memory until the next write "
        "(0: none; ETags and 304s work either way).",
    )
    write_token: str | None = Field(
        None, description="Bearer token that allows writes; with none set, writes are disabled."
    )
    curators: str | None = Field(
        None,
        description="Path of the curators file: one curator a line, 'name<TAB>sha256:<hex of "
        "the token>' (never the token itself; `iisgraph curate add-curator NAME` makes a line). "
        "Curators record annotations on /annotations/; the write token acts as the "
        "administrator.",
    )
    max_upload_bytes: int = Field(
        2_000_000, gt=0, description="Largest source text accepted by POST /sources, in bytes."
    )
