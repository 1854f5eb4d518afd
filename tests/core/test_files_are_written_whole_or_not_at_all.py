"""Uploaded and generated files appear under their name only once completely written, and
a group of files saved by one operation is removed together when the operation fails."""

from __future__ import annotations

import errno

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile, File

from thidua.core.storage import AtomicFileSystemStorage, StorageFull, saving_files


class Interrupted(File):
    """A file whose reading fails after the first chunk, like a disk filling up."""

    def __init__(self, error: OSError) -> None:
        super().__init__(None, name="ban-quet.pdf")
        self.error = error

    def chunks(self, chunk_size=None):
        yield b"%PDF-1.4 the first part"
        raise self.error


def files_in(folder) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


def test_a_write_that_fails_half_way_leaves_nothing(tmp_path):
    storage = AtomicFileSystemStorage(location=tmp_path)
    with pytest.raises(OSError):
        storage.save("evidence/ban-quet.pdf", Interrupted(OSError(errno.EIO, "I/O error")))
    assert files_in(tmp_path) == []


def test_an_existing_name_is_never_overwritten(tmp_path):
    storage = AtomicFileSystemStorage(location=tmp_path)
    first = storage.save("jobs/giay-khen.pdf", ContentFile(b"first"))
    second = storage.save("jobs/giay-khen.pdf", ContentFile(b"second"))
    assert first == "jobs/giay-khen.pdf" and second != first
    assert (tmp_path / first).read_bytes() == b"first"
    assert (tmp_path / second).read_bytes() == b"second"
    assert files_in(tmp_path) == sorted([first, second])
    assert oct((tmp_path / second).stat().st_mode & 0o777) == oct(0o644)


def test_a_full_disk_removes_the_files_saved_before_and_says_so_in_vietnamese(tmp_path):
    from thidua.tasks.models import Evidence

    storage = AtomicFileSystemStorage(location=tmp_path)
    first, second = Evidence(), Evidence()
    first.file.storage = second.file.storage = storage
    with pytest.raises(StorageFull) as caught, saving_files() as files:
        files.save(first.file, "anh.png", ContentFile(b"\x89PNG saved first"))
        assert files_in(tmp_path) != []
        files.save(second.file, "ban-quet.pdf", Interrupted(OSError(errno.ENOSPC, "full")))
    assert isinstance(caught.value, ValidationError)
    assert caught.value.messages == [
        "Không đủ dung lượng lưu trữ trên máy chủ để lưu tệp “ban-quet.pdf”. Chưa có gì được "
        "lưu; hãy báo quản trị hệ thống giải phóng dung lượng rồi gửi lại."
    ]
    assert files_in(tmp_path) == []


def test_other_failures_are_not_taken_for_a_full_disk(tmp_path):
    from thidua.tasks.models import Evidence

    evidence = Evidence()
    evidence.file.storage = AtomicFileSystemStorage(location=tmp_path)
    with pytest.raises(PermissionError), saving_files() as files:
        files.save(evidence.file, "a.pdf", Interrupted(PermissionError(errno.EACCES, "denied")))
    assert files_in(tmp_path) == []
