"""Backups of a portal: its database (natively dumped), its media files and the archive's files, in one .tar.gz."""

import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path

from django.conf import settings
from django.db import connection

MANIFEST = "manifest.json"


class BackupError(Exception):
    pass


def _database():
    db = settings.DATABASES["default"]
    vendor = "sqlite" if db["ENGINE"].endswith("sqlite3") else "postgresql"
    if vendor == "postgresql" and not db["ENGINE"].endswith("postgresql"):
        raise BackupError(f"unsupported database engine {db['ENGINE']}")
    return vendor, db


def _tool(name):
    path = shutil.which(name)
    if path is None:
        raise BackupError(f"{name} không có trên máy (gói postgresql-client)")
    return path


def _pg_env(db):
    env = {**os.environ}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    return env


def _pg_args(db):
    args = []
    for flag, key in (("-h", "HOST"), ("-p", "PORT"), ("-U", "USER")):
        if db.get(key):
            args += [flag, str(db[key])]
    return [*args, "-d", db["NAME"]]


def create_backup(target):
    """Write database and media to `target` (.tar.gz), readable by its owner only.

    The archive holds password hashes and TOTP secrets: it is written to a file created 0600 (mkstemp) next to
    the target and renamed over it when complete, so it is never readable by others, not even while written,
    and an older world-readable file of the same name is replaced rather than reused.
    """
    vendor, db = _database()
    target = Path(target)
    target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    descriptor, partial = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".partial", dir=target.parent)
    try:
        with os.fdopen(descriptor, "wb") as output:
            _write_archive(output, vendor, db)
        os.replace(partial, target)
    except BaseException:
        Path(partial).unlink(missing_ok=True)
        raise
    return target


def _write_archive(output, vendor, db):
    with tempfile.TemporaryDirectory() as tmp:
        dump = Path(tmp) / ("database.sqlite3" if vendor == "sqlite" else "database.pgdump")
        if vendor == "sqlite":
            connection.ensure_connection()
            destination = sqlite3.connect(dump)
            with destination:
                connection.connection.backup(destination)
            destination.close()
        else:
            subprocess.run(  # noqa: S603 - fixed program, arguments from settings
                [_tool("pg_dump"), "--format=custom", "--no-owner", "--no-privileges", "-f", str(dump), *_pg_args(db)],
                check=True,
                env=_pg_env(db),
            )
        with tarfile.open(fileobj=output, mode="w:gz") as archive:
            manifest = json.dumps({"format": 1, "database": vendor}).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size = len(manifest)
            archive.addfile(info, io.BytesIO(manifest))
            archive.add(dump, arcname=dump.name)
            for folder, name in _folders():
                if folder.exists():
                    archive.add(folder, arcname=name)


def _folders():
    """(folder, name in the backup) of the files kept beside the database: media, and the archive's PDF and WARC
    files (archive/, outside MEDIA_ROOT)."""
    folders = [(Path(settings.MEDIA_ROOT), "media")]
    if getattr(settings, "PORTAL_ARCHIVE_ROOT", None):
        folders.append((Path(settings.PORTAL_ARCHIVE_ROOT), "archive-files"))
    return folders


def _is_empty(vendor):
    tables = connection.introspection.table_names()
    if vendor == "sqlite":
        return not tables
    return not [t for t in tables if not t.startswith("pg_")]


def restore_backup(source):
    """Restore into an empty database and media folder."""
    vendor, db = _database()
    with tempfile.TemporaryDirectory() as tmp, tarfile.open(source, "r:gz") as archive:
        archive.extractall(tmp, filter="data")
        manifest = json.loads((Path(tmp) / MANIFEST).read_text())
        if manifest.get("database") != vendor:
            raise BackupError(
                f"tệp sao lưu chứa cơ sở dữ liệu {manifest.get('database')}, còn DATABASE_URL trỏ tới {vendor}"
            )
        if not _is_empty(vendor):
            raise BackupError("cơ sở dữ liệu đích không trống; chỉ khôi phục vào cơ sở dữ liệu trống")
        if vendor == "sqlite":
            connection.close()
            shutil.copyfile(Path(tmp) / "database.sqlite3", db["NAME"])
        else:
            connection.close()
            subprocess.run(  # noqa: S603 - fixed program, arguments from settings
                [_tool("pg_restore"), "--no-owner", "--no-privileges", "--exit-on-error", *_pg_args(db),
                 str(Path(tmp) / "database.pgdump")],
                check=True,
                env=_pg_env(db),
            )  # fmt: skip
        for folder, name in _folders():
            if (Path(tmp) / name).exists():
                shutil.copytree(Path(tmp) / name, folder, dirs_exist_ok=True)
