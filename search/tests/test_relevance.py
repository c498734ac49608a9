"""The relevance set: every query form finds the right article first, on SQLite and on PostgreSQL."""

from urllib.parse import urlsplit

from django.db import connection

from search.tests.corpus import ARTICLES, CASES


def test_relevance_set_has_enough_varied_cases():
    assert len(CASES) >= 40
    assert {key for _, key, _ in CASES} <= set(ARTICLES)


def test_every_query_finds_its_article_first(corpus, api):
    failures = []
    for query, key, why in CASES:
        data = api(query)
        first = urlsplit(data["results"][0]["url"]).path if data["results"] else None
        if first != urlsplit(corpus[key].url).path:
            got = [r["title"] for r in data["results"][:3]]
            failures.append(f"{query!r} ({why}): expected {corpus[key].title!r}, got {got}")
    passed = len(CASES) - len(failures)
    print(f"relevance on {connection.vendor}: {passed}/{len(CASES)} queries put the right article first")
    assert not failures, "\n".join(failures)


def test_accents_and_placements_find_the_same_set(corpus, api):
    forms = ["dang uy", "Đảng ủy", "ĐẢNG UỶ", "đảng uỷ", "Đảng uỷ".encode().decode()]
    import unicodedata

    forms.append(unicodedata.normalize("NFD", "Đảng uỷ"))
    sets = [{urlsplit(r["url"]).path for r in api(form)["results"]} for form in forms]
    assert sets[0] == sets[1] == sets[2] == sets[3] == sets[4] == sets[5]
    assert urlsplit(corpus["dang-uy"].url).path in sets[0]


def test_quoted_phrase_requires_adjacent_words(corpus, api):
    quoted = api('"tri thức"')
    assert [urlsplit(r["url"]).path for r in quoted["results"]] == [urlsplit(corpus["cu-tri-scattered"].url).path]
    # Unquoted, the phrase article and the scattered one both match "cử tri".
    loose = {urlsplit(r["url"]).path for r in api("cử tri")["results"]}
    assert {urlsplit(corpus["cu-tri-phrase"].url).path, urlsplit(corpus["cu-tri-scattered"].url).path} <= loose
    phrase_only = {urlsplit(r["url"]).path for r in api('"cử tri"')["results"]}
    assert phrase_only == {urlsplit(corpus["cu-tri-phrase"].url).path}


def test_highlights_keep_the_articles_accents(corpus, api):
    data = api("dang uy")
    top = data["results"][0]
    assert "<mark>Đảng</mark>" in top["snippet"]
    assert "<mark>uỷ</mark>" in top["snippet"]


def test_sort_newest_orders_by_date(corpus, api):
    data = api("khu pho", sort="newest")
    dates = [r["published"] for r in data["results"]]
    assert len(dates) > 2
    assert dates == sorted(dates, reverse=True)
