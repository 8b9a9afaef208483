"""Organizations: the list, and one organization with its units, members over time and the
instruments it (or one of its units) issued."""

from __future__ import annotations

from collections.abc import Callable

from rdflib import URIRef

from api.views import (
    Document,
    Paging,
    count,
    items_values,
    must_exist,
    page_document,
    page_items,
    rows_values,
    title_of,
    values_row,
)
from api.views.describe import INSTRUMENT, LABEL, MEETING, branch, gathered, labels_of
from graph.namespaces import Ids, T
from graph.store import Store

SHOWN = 200


def organizations(
    store: Store,
    ids: Ids,
    paging: Paging,
    collection: URIRef,
    page_iri: Callable[[int], str],
) -> Document:
    where = "?item a iis:Organization ; iis:publicId ?key ."
    items = page_items(store, where, "?key", paging)
    graph = gathered(
        store,
        items_values(items),
        [
            branch("BIND(?item AS ?s)", (*LABEL, "skos:altLabel", "org:hasUnit")),
        ],
    )
    total = count(store, where)
    return page_document(graph, items, total, paging, collection, page_iri, "Organizations")


def organization(store: Store, ids: Ids, key: str) -> Document:
    iri = ids.organization(key)
    must_exist(
        store,
        iri,
        (T.Organization, T.OrganizationalUnit),
        f"organization {key!r} (ids as in /organizations)",
    )
    head = values_row({"org": iri})
    issued = rows_values(
        store,
        ("i",),
        f"""SELECT ?i WHERE {{ {head}
        ?org org:hasUnit? ?by . ?i iis:issuer ?by . OPTIONAL {{ ?i dcterms:date ?d }} }}
        ORDER BY DESC(STR(?d)) LIMIT {SHOWN}""",
    )
    organized = rows_values(
        store,
        ("meeting",),
        f"""SELECT ?meeting WHERE {{ {head} ?meeting iis:organizer ?org .
        OPTIONAL {{ ?meeting dcterms:date ?d }} }} ORDER BY DESC(STR(?d)) LIMIT {SHOWN}""",
    )
    graph = gathered(
        store,
        head,
        [
            branch("BIND(?org AS ?s)", exclude=("skos:hiddenLabel",)),
            branch("?org org:hasUnit ?s .", exclude=("skos:hiddenLabel",)),
            branch("?org org:unitOf ?s .", LABEL),
            branch("?s org:organization ?org ."),
            branch("?m org:organization ?org ; org:memberDuring ?s ."),
            branch(
                "?m org:organization ?org ; org:memberDuring/(time:hasBeginning|time:hasEnd) ?s ."
            ),
            labels_of("?m org:organization ?org ; org:member|org:role ?s ."),
            branch(f"{issued} BIND(?i AS ?s)", INSTRUMENT),
            labels_of(f"{issued} ?i iis:instrumentType|iis:status|iis:place|iis:issuer ?s ."),
            branch(f"{organized} BIND(?meeting AS ?s)", MEETING),
            labels_of(f"{organized} ?meeting iis:meetingKind|iis:place ?s ."),
        ],
    )
    return Document(graph, iri, title_of(graph, iri, key), template="organization.html")
