"""Search: states, organizations, agreements, topics, instruments, meetings and persons found
by the words asked, each word on its own, in English or Russian and any grammatical case,
best first (``graph/search.py`` finds them; this view describes a page of them)."""

from __future__ import annotations

from collections.abc import Callable

from rdflib import URIRef

from api.views import Document, Paging, items_values, page_document
from api.views.describe import CONCEPT, INSTRUMENT, MEETING, branch, gathered, labels_of
from graph.search import Finder
from graph.store import Store


def search(
    store: Store,
    finder: Finder,
    text: str,
    paging: Paging,
    collection: URIRef,
    page_iri: Callable[[int], str],
) -> Document:
    found = [URIRef(hit.iri) for hit in finder.find(text)]
    items = found[paging.offset : paging.offset + paging.per_page]
    graph = gathered(
        store,
        items_values(items),
        [
            branch("BIND(?item AS ?s)", (*INSTRUMENT, *MEETING, *CONCEPT, "skos:altLabel")),
            labels_of(
                "?item iis:instrumentType|iis:issuer|iis:meetingKind|iis:place|iis:organizer ?s ."
            ),
        ],
    )
    words = " ".join(text.split())
    document = page_document(
        graph, items, len(found), paging, collection, page_iri, f"Search: {words}"
    )
    return Document(document.graph, document.root, document.title, template="search.html")
