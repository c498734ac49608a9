import datetime

import pytest
from django.utils import timezone

from search.tests.corpus import ARTICLES


@pytest.fixture
def corpus(ward_site, make_article):
    """The relevance corpus published on the ward site; returns {key: page}."""
    now = timezone.now()
    pages = {}
    for key, spec in ARTICLES.items():
        pages[key] = make_article(
            ward_site,
            spec["title"],
            category=spec["category"],
            lead=spec["lead"],
            body=f"<p>{spec['body']}</p>",
            published=now - datetime.timedelta(days=spec["days"]),
        )
    return pages


@pytest.fixture
def api(client):
    def get(q, **params):
        response = client.get("/api/search/", {"q": q, **params})
        assert response.status_code == 200, response.content[:500]
        return response.json()

    return get
