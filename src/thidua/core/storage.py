"""Where files are kept: written atomically, and refused clearly when the disk is full.

Two faults this module exists for:

- a process killed while writing (a job consumer, a gunicorn worker) must not leave a
  half-written file under a name the database may point to. :class:`AtomicFileSystemStorage`
  writes to a hidden temporary file in the target folder, flushes it to disk and only then
  gives it its name (a hard link, which like ``O_EXCL`` never overwrites an existing file);
- a full disk (or a user's quota) during an upload must give the user a clear Vietnamese
  message, keep nothing partial and leave no database row pointing to a missing file.
  Services that save several files in one operation wrap them in :func:`saving_files`:
  a failure deletes the files already saved, and the service's transaction rolls back.
"""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager

from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage
from django.db import transaction
from django.utils._os import safe_makedirs

logger = logging.getLogger(__name__)

TEMP_PREFIX = ".incomplete-"
TEMP_SUFFIX = ".part"
# "No space left on device" and "Disk quota exceeded".
STORAGE_FULL_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT})
STORAGE_FULL_MESSAGE = (
    "Không đủ dung lượng lưu trữ trên máy chủ để lưu tệp “{name}”. Chưa có gì được lưu; "
    "hãy báo quản trị hệ thống giải phóng dung lượng rồi gửi lại."
)


class AtomicFileSystemStorage(FileSystemStorage):
    """Django's file system storage, but a file appears under its name only when complete.

    Django's own storage writes straight into the final name, so a process killed (or a
    disk filling up) mid-write leaves a truncated file there. Here the bytes go to
    ``.incomplete-*.part`` in the same folder (same file system, so the rename is atomic),
    are fsync'ed, and the temporary file is linked to its name; on any error it is removed.
    """

    def _save(self, name: str, content) -> str:
        full_path = self.path(name)
        directory = os.path.dirname(full_path)
        try:
            if self.directory_permissions_mode is not None:
                safe_makedirs(directory, self.directory_permissions_mode, exist_ok=True)
            else:
                os.makedirs(directory, exist_ok=True)
        except FileExistsError as exc:
            raise FileExistsError(f"{directory} exists and is not a directory.") from exc

        fd, temporary = tempfile.mkstemp(dir=directory, prefix=TEMP_PREFIX, suffix=TEMP_SUFFIX)
        try:
            with os.fdopen(fd, "wb") as handle:
                for chunk in content.chunks():
                    handle.write(chunk.encode() if isinstance(chunk, str) else chunk)
                handle.flush()
                os.fsync(handle.fileno())
            # mkstemp creates the file 0600; give it the mode Django would have given it.
            os.chmod(temporary, self.file_permissions_mode or 0o644)
            while True:
                try:
                    if self._allow_overwrite:
                        os.replace(temporary, full_path)
                    else:
                        _link_exclusive(temporary, full_path)
                    break
                except FileExistsError:
                    # Another writer took the name meanwhile: pick the next free one.
                    name = self.get_available_name(name)
                    full_path = self.path(name)
        finally:
            # Gone already when it was renamed into place (overwrite); else the name is
            # linked and this temporary one goes, or the write failed and it all goes.
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temporary)

        name = os.path.relpath(full_path, self.location)
        self._ensure_location_group_id(full_path)
        return str(name).replace("\\", "/")


def _link_exclusive(source: str, target: str) -> None:
    """Give ``source`` the name ``target`` unless that name exists (FileExistsError)."""
    try:
        os.link(source, target)
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV):
            raise
        # A file system without hard links (some network shares): check, then rename.
        if os.path.lexists(target):
            raise FileExistsError(target) from exc
        os.rename(source, target)


def is_storage_full(exc: BaseException) -> bool:
    return isinstance(exc, OSError) and exc.errno in STORAGE_FULL_ERRNOS


class StorageFull(ValidationError):
    """The disk (or quota) is full: the Vietnamese message names the file not saved."""

    def __init__(self, name: str) -> None:
        super().__init__(STORAGE_FULL_MESSAGE.format(name=name), code="storage_full")


def save_file(field_file, name: str, content, *, label: str | None = None) -> str:
    """``field_file.save(name, content, save=False)``, a full disk raising :class:`StorageFull`
    (``label`` is the name shown to the user, e.g. the uploaded file's own name)."""
    try:
        field_file.save(name, content, save=False)
    except OSError as exc:
        if is_storage_full(exc):
            raise StorageFull(label or name) from exc
        raise
    return field_file.name


class FileSaves:
    """The files saved during one operation, so they can all be removed if it fails."""

    def __init__(self) -> None:
        self._saved: list[tuple[object, str]] = []

    def save(self, field_file, name: str, content, *, label: str | None = None) -> str:
        saved = save_file(field_file, name, content, label=label)
        self._saved.append((field_file.storage, saved))
        return saved

    def discard(self) -> None:
        for storage, name in reversed(self._saved):
            try:
                storage.delete(name)
            except OSError:  # keep going: the other files must still be removed
                logger.exception("could not remove %s after a failed save", name)
        self._saved.clear()


@contextmanager
def saving_files() -> Iterator[FileSaves]:
    """Save several files as one: if anything inside fails, the files saved so far are
    deleted (the caller's ``transaction.atomic`` rolls the rows back)::

        with saving_files() as files:
            for upload in uploads:
                files.save(evidence.file, upload.name, upload)
    """
    saves = FileSaves()
    try:
        yield saves
    except BaseException:
        saves.discard()
        raise


def delete_after_commit(storage, name: str) -> None:
    """Delete a stored file once the surrounding transaction commits: a rollback must
    find the file the rows still name."""
    if name:
        transaction.on_commit(lambda: storage.delete(name))
