"""A replayed test ward site is the database, row for row, that the recorded real build left."""

import uuid

from django.db import transaction

from portal.tests import site_snapshots
from wards.sites import ensure_ward_site


def test_a_replay_leaves_every_table_as_the_real_build_did(db, make_article, client):
    what = ("replay-test", uuid.uuid4())  # recorded here, never by another test
    tables = site_snapshots._tables()
    before = site_snapshots._dump(tables)

    mark = transaction.savepoint()
    built = site_snapshots.site(what, lambda: ensure_ward_site("replay.localhost", "Phường Thử Lại", phone="0203 1"))
    after_build = site_snapshots._dump(tables)
    transaction.savepoint_rollback(mark)
    assert site_snapshots._dump(tables) == before

    replayed = site_snapshots.site(what, lambda: never("the recorded changes were not replayed"))
    assert replayed.pk == built.pk
    assert site_snapshots._dump(tables) == after_build
    assert after_build != before

    # The index pages of SQLite's full-text tables are copied, not rebuilt: new entries must land on top of them.
    make_article(replayed, "Khơi thông cống rãnh trước mùa mưa bão")
    found = client.get("/api/search/", {"q": "khoi thong cong ranh"}, HTTP_HOST="replay.localhost").json()
    assert [r["title"] for r in found["results"]] == ["Khơi thông cống rãnh trước mùa mưa bão"]


def never(message):
    raise AssertionError(message)
