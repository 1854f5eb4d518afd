"""A backup restores to exactly the data and files it was taken from."""

from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import CommandError, call_command

from thidua.orgs.models import Person


def snapshot() -> dict[str, int]:
    return {
        m._meta.label: m._default_manager.count()
        for m in apps.get_models()
        if m._meta.app_label not in {"contenttypes", "sessions", "admin"}
        and m._meta.label != "auth.Permission"
    }


@pytest.mark.django_db(transaction=True)
def test_a_backup_round_trip_gives_back_the_same_rows_and_files(demo, tmp_path):
    evidence = Path(settings.MEDIA_ROOT) / "private" / "round-trip.txt"
    evidence.parent.mkdir(parents=True, exist_ok=True)
    evidence.write_bytes("minh chứng".encode())
    before = snapshot()
    chairman = Person.objects.get(user__username="chutich")
    archive = tmp_path / "backup.tar.gz"
    call_command("backup", out=str(archive))
    assert archive.exists() and not Path(str(archive) + ".partial").exists()

    chairman.position = "đã sửa sau khi sao lưu"
    chairman.save()
    Person.objects.filter(user__username="canbo").update(is_active=False)
    evidence.unlink()

    call_command("restore", str(archive), yes=True)
    assert snapshot() == before
    assert Person.objects.get(user__username="chutich").position == "Chủ tịch UBND phường"
    assert Person.objects.get(user__username="canbo").is_active
    assert evidence.read_bytes() == "minh chứng".encode()


@pytest.mark.django_db
def test_a_file_that_is_not_a_backup_is_refused_and_changes_nothing(demo, tmp_path):
    bogus = tmp_path / "khong-phai.tar.gz"
    bogus.write_bytes(b"not an archive")
    before = snapshot()
    with pytest.raises(CommandError, match="Không đọc được tệp sao lưu"):
        call_command("restore", str(bogus), yes=True)
    assert snapshot() == before
