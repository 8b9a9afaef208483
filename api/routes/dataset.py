"""The dataset as a whole: its VoID/DCAT description (``/void``), the ontology
(``/ontology``), the SHACL shapes (``/shapes``) and full dumps (``/dumps/latest.nq``,
``.trig``, ``.jsonld``)."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response
from rdflib import URIRef

from api.deps import SettingsDep, StoreDep
from api.documents import DOCUMENT_CONTENT, rendered
from api.links import url_for
from api.params import SUFFIXED, MediaDep
from api.views import Document, Triples
from api.views import dataset as dataset_views
from graph.errors import NotFound
from graph.ontology import ontology_graph
from graph.validate import shapes_graph

router = APIRouter(tags=["dataset"])

ONTOLOGY = URIRef("https://w3id.org/iisgraph/ontology")
DUMPS = {
    "nq": "application/n-quads",
    "trig": "application/trig",
    "jsonld": "application/ld+json",
}


@router.get("/void", summary="VoID and DCAT description of the dataset", responses=DOCUMENT_CONTENT)
@router.get("/void.{ext}", **SUFFIXED)
def get_void(request: Request, store: StoreDep, settings: SettingsDep, media: MediaDep) -> Response:
    dumps = {media: str(url_for(request, "get_dump", ext=ext)) for ext, media in DUMPS.items()}
    document = dataset_views.void(
        store,
        URIRef(str(url_for(request, "get_void")) + "#dataset"),
        str(url_for(request, "sparql_get")),
        dumps,
        settings.base,
    )
    return rendered(document, request, media)


@router.get("/ontology", summary="The OWL ontology", responses=DOCUMENT_CONTENT)
@router.get("/ontology.{ext}", **SUFFIXED)
def get_ontology(request: Request, media: MediaDep) -> Response:
    document = Document(Triples(ontology_graph()), ONTOLOGY, "The iisgraph ontology")
    return rendered(document, request, media)


@router.get(
    "/shapes", summary="The SHACL shapes every source is validated with", responses=DOCUMENT_CONTENT
)
@router.get("/shapes.{ext}", **SUFFIXED)
def get_shapes(request: Request, media: MediaDep) -> Response:
    root = URIRef(str(url_for(request, "get_shapes")))
    document = Document(Triples(shapes_graph()), root, "The iisgraph SHACL shapes")
    return rendered(document, request, media)


@router.get(
    "/dumps/latest.{ext}",
    summary="The whole store: every named graph, as N-Quads (nq), TriG (trig) or JSON-LD (jsonld)",
    responses={200: {"content": {media: {} for media in DUMPS.values()}}},
)
def get_dump(store: StoreDep, ext: str) -> Response:
    if ext not in DUMPS:
        raise NotFound(f"there is no dump latest.{ext}; there are latest.nq, .trig and .jsonld")
    media = DUMPS[ext]
    return Response(
        store.export(media),
        media_type=media,
        headers={"Content-Disposition": f'attachment; filename="iisgraph-latest.{ext}"'},
    )
