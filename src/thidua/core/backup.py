"""Backup and restore of the database and the files, as one portable archive.

The archive is a .tar.gz holding ``data.json`` (Django's serialised rows, so a backup
taken on SQLite restores on PostgreSQL and back), ``files/`` (everything under
MEDIA_ROOT) and ``manifest.json`` (when, which schema, how many rows and files).
"""

from __future__ import annotations

import datetime
import io
import json
import tarfile
import tempfile
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.db import connection, transaction
from django.db.migrations.recorder import MigrationRecorder

# Rows that Django rebuilds by itself or that must not travel between servers.
EXCLUDED = ["contenttypes", "auth.permission", "sessions", "admin.logentry"]


class BackupError(Exception):
    """A backup that cannot be made or restored; the message says why in Vietnamese."""


def _schema() -> list[str]:
    recorder = MigrationRecorder(connection)
    return sorted(f"{app}.{name}" for app, name in recorder.applied_migrations())


def create_backup(destination: Path) -> dict:
    """Write the archive to ``destination``; return its manifest."""
    media = Path(settings.MEDIA_ROOT)
    data = io.StringIO()
    with transaction.atomic():  # one consistent snapshot of every table
        call_command(
            "dumpdata",
            exclude=EXCLUDED,
            natural_foreign=True,
            stdout=data,
            verbosity=0,
        )
    payload = data.getvalue().encode()
    files = [p for p in media.rglob("*") if p.is_file()] if media.exists() else []
    manifest = {
        "created_at": datetime.datetime.now(datetime.UTC).isoformat(),
        "schema": _schema(),
        "rows": len(json.loads(payload)),
        "files": len(files),
        "database": connection.vendor,
    }
    destination.parent.mkdir(parents=True, exist_ok=True)
    partial = destination.with_name(destination.name + ".partial")
    with tarfile.open(partial, "w:gz") as archive:
        for name, blob in (
            ("manifest.json", json.dumps(manifest).encode()),
            ("data.json", payload),
        ):
            info = tarfile.TarInfo(name)
            info.size = len(blob)
            archive.addfile(info, io.BytesIO(blob))
        for path in files:
            archive.add(path, arcname=f"files/{path.relative_to(media).as_posix()}")
    partial.replace(destination)  # never leave a half-written archive under the real name
    return manifest


def restore_backup(source: Path) -> dict:
    """Replace the database rows and the files with those of the archive."""
    media = Path(settings.MEDIA_ROOT)
    try:
        archive = tarfile.open(source, "r:gz")  # noqa: SIM115 - closed by the with below
    except (OSError, tarfile.TarError) as exc:
        raise BackupError(f"Không đọc được tệp sao lưu {source}: {exc}") from exc
    with archive, tempfile.TemporaryDirectory() as tmp:
        names = archive.getnames()
        if "manifest.json" not in names or "data.json" not in names:
            raise BackupError("Tệp không phải bản sao lưu của thidua (thiếu manifest.json).")
        manifest = json.loads(archive.extractfile("manifest.json").read())
        missing = set(manifest["schema"]) - set(_schema())
        if missing:
            raise BackupError(
                "Bản sao lưu mới hơn phần mềm: hãy cập nhật phần mềm rồi chạy lại "
                f"(thiếu {len(missing)} bước chuyển đổi, ví dụ {sorted(missing)[0]})."
            )
        data_path = Path(tmp) / "data.json"
        data_path.write_bytes(archive.extractfile("data.json").read())
        with transaction.atomic():
            call_command("flush", interactive=False, verbosity=0)
            call_command("loaddata", str(data_path), verbosity=0)
        members = [m for m in archive.getmembers() if m.name.startswith("files/") and m.isfile()]
        for member in members:
            target = (media / member.name[len("files/") :]).resolve()
            if not str(target).startswith(str(media.resolve())):
                raise BackupError(f"Đường dẫn không hợp lệ trong bản sao lưu: {member.name}")
            target.parent.mkdir(parents=True, exist_ok=True)
            with archive.extractfile(member) as src, open(target, "wb") as out:
                out.write(src.read())
    _reset_sequences()
    return manifest


def _reset_sequences() -> None:
    """PostgreSQL keeps id sequences apart from the rows: move them past the restored ids."""
    if connection.vendor != "postgresql":
        return
    from django.core.management.color import no_style

    models = [m for m in apps.get_models() if m._meta.managed]
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), models):
            cursor.execute(sql)
