"""The backup archive holds password hashes and TOTP secrets: only its owner may read it."""

import os
import stat
import tarfile

import pytest

from core.backup import create_backup

# SQLite copies the test database only outside a transaction, and a transactional test cannot be flushed in the
# PostgreSQL pass (the search tables): this runs once, on SQLite; test_backup.py's round trips check both.
pytestmark = pytest.mark.own_databases


@pytest.fixture
def usual_umask():
    previous = os.umask(0o022)  # the common default, under which plain files come out 0644
    yield
    os.umask(previous)


@pytest.mark.django_db(transaction=True)  # SQLite cannot copy a database inside an open write transaction
def test_backup_is_readable_by_its_owner_only(tmp_path, settings, usual_umask):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    target = tmp_path / "backups" / "portal.tar.gz"
    target.parent.mkdir()
    target.write_bytes(b"an older archive")
    target.chmod(0o644)  # left world-readable by an earlier version: must not be reused as it is

    create_backup(target)

    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    with tarfile.open(target) as archive:
        assert "manifest.json" in archive.getnames()
    assert sorted(path.name for path in target.parent.iterdir()) == [target.name]  # no partial file left


@pytest.mark.django_db(transaction=True)  # SQLite cannot copy a database inside an open write transaction
def test_backups_folder_is_created_private(tmp_path, settings, usual_umask):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    target = tmp_path / "backups" / "portal.tar.gz"
    create_backup(target)
    assert stat.S_IMODE(target.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
