"""The pages' language (api/language.py): chosen by parameter, kept by cookie, varied on."""

from __future__ import annotations

import re

from tests.conftest import Served

HTML = {"Accept": "text/html"}


def page_language(html: str) -> str:
    found = re.search(r'<html lang="(\w+)"', html)
    assert found, html[:300]
    return found.group(1)


def test_language_by_parameter_then_cookie_then_accept_language(corpus_server: Served) -> None:
    client = corpus_server.client
    russian_cookie = {**HTML, "Cookie": "lang=ru"}
    assert page_language(client.get("/topics", headers=HTML).text) == "en"
    assert page_language(client.get("/topics", headers=russian_cookie).text) == "ru"
    asked = {**russian_cookie, "Accept-Language": "ru"}
    assert page_language(client.get("/topics?lang=en", headers=asked).text) == "en"
    preferred = {**HTML, "Accept-Language": "ru-RU,ru;q=0.9,en;q=0.5"}
    assert page_language(client.get("/topics", headers=preferred).text) == "ru"
    english_cookie = {**preferred, "Cookie": "lang=en"}
    assert page_language(client.get("/topics", headers=english_cookie).text) == "en"


def test_a_page_asked_in_a_language_remembers_it_in_a_cookie(corpus_server: Served) -> None:
    response = corpus_server.client.get("/topics?lang=ru", headers=HTML)
    assert "lang=ru" in response.headers["set-cookie"]
    assert "Cookie" in response.headers["vary"]
    json_ld = corpus_server.client.get("/topics?lang=ru")
    assert "set-cookie" not in json_ld.headers  # machines' answers do not depend on it
    plain = corpus_server.client.get("/topics", headers=HTML)
    assert "set-cookie" not in plain.headers


def test_a_page_kept_for_a_russian_reader_is_not_given_to_an_english_one(
    corpus_server: Served,
) -> None:
    """The response cache and ETags vary on the cookie as on Accept-Language."""
    client = corpus_server.client
    russian = client.get("/organizations", headers={**HTML, "Cookie": "lang=ru"})
    english = client.get("/organizations", headers=HTML)
    assert page_language(russian.text) == "ru" and page_language(english.text) == "en"
    assert russian.headers["etag"] != english.headers["etag"]
