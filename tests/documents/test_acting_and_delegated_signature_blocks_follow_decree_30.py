"""The signature blocks "Q.", "TL." and "TUQ." (NĐ 30/2020 Điều 13, Phụ lục I: the
abbreviation goes before the title of the head of the body; under "TL." and "TUQ." the
signer's own title follows on the next line; under "Q." the acting head signs as
"Q. CHỦ TỊCH" alone), read back from real rendered documents."""

from __future__ import annotations

import datetime
import io

import pytest
from docx import Document as read_docx
from docx.enum.text import WD_ALIGN_PARAGRAPH

from thidua.documents import services
from thidua.documents.models import Document

pytestmark = pytest.mark.django_db


def signature_block(document) -> list:
    """The non-empty paragraphs of the signature cell (right of "Nơi nhận")."""
    doc = read_docx(io.BytesIO(services.render_docx(document)))
    table = next(t for t in doc.tables if "Nơi nhận:" in t.rows[0].cells[0].text)
    return [p for p in table.rows[0].cells[1].paragraphs if p.text.strip()]


def issued(make_draft, user, key: str, day: datetime.date, signer: services.Signer):
    return services.issue(user("vanphong"), make_draft(key, day, signer=signer))


@pytest.mark.parametrize(
    "key, signer, lines",
    [
        (
            "quyet_dinh_khen_thuong",
            services.Signer("Trần Quốc Hùng", "PHÓ CHỦ TỊCH", "Q", principal_title="CHỦ TỊCH"),
            ["Q. CHỦ TỊCH", "Trần Quốc Hùng"],
        ),
        (
            "giay_moi",
            services.Signer("Phạm Thu Hà", "CHÁNH VĂN PHÒNG", "TL", principal_title="CHỦ TỊCH"),
            ["TL. CHỦ TỊCH", "CHÁNH VĂN PHÒNG", "Phạm Thu Hà"],
        ),
        (
            "thong_bao_cong_khai",
            services.Signer("Phạm Thu Hà", "CHÁNH VĂN PHÒNG", "TUQ", principal_title="CHỦ TỊCH"),
            ["TUQ. CHỦ TỊCH", "CHÁNH VĂN PHÒNG", "Phạm Thu Hà"],
        ),
    ],
    ids=["Q", "TL", "TUQ"],
)
def test_the_signature_block_prints_the_authority_the_title_and_the_name(
    make_draft, user, key, signer, lines
):
    document = issued(make_draft, user, key, datetime.date(2024, 12, 16), signer)
    block = signature_block(document)
    assert [p.text for p in block] == lines
    # Authority, title and name: upright bold, each on its own line, centred.
    assert all(run.bold and not run.italic for p in block for run in p.runs if run.text.strip())
    assert {p.alignment for p in block} == {WD_ALIGN_PARAGRAPH.CENTER}


def test_the_acting_head_is_not_given_a_second_title_line(make_draft, user):
    """Q. replaces the head's title: the deputy's own title (PHÓ CHỦ TỊCH) is not printed."""
    signer = services.Signer("Trần Quốc Hùng", "PHÓ CHỦ TỊCH", "Q", principal_title="CHỦ TỊCH")
    day = datetime.date(2024, 12, 16)
    document = issued(make_draft, user, "quyet_dinh_khen_thuong", day, signer)
    assert "PHÓ CHỦ TỊCH" not in [p.text for p in signature_block(document)]


@pytest.mark.parametrize("authority", ["TL", "TUQ", "KT"])
def test_a_delegated_signature_without_the_signers_title_is_refused(make_draft, authority):
    count = Document.objects.count()
    signer = services.Signer("Phạm Thu Hà", "", authority, principal_title="CHỦ TỊCH")
    with pytest.raises(services.DocumentError, match="cần ghi chức vụ của người ký"):
        make_draft("giay_moi", datetime.date(2024, 12, 16), signer=signer)
    assert Document.objects.count() == count
