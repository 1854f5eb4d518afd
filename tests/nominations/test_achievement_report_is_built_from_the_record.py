"""The generated achievement report, read back as .docx: it names the unit's real CCHC
tasks with their timeliness and quality, its awards received, in the regime's template."""

from __future__ import annotations

import io

import docx
import pytest

from thidua.documents import services as documents
from thidua.movements.models import Target
from thidua.nominations import services
from thidua.tasks.models import Task

pytestmark = pytest.mark.django_db


def text_of(data: bytes) -> str:
    document = docx.Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


@pytest.fixture
def generated(movement, giay_khen, one_stop, person, user):
    head = user("truongmotcua")
    services.propose(
        head,
        movement,
        award_form=giay_khen,
        target=Target.COLLECTIVE,
        subject_id=one_stop.pk,
        proposing_unit=one_stop,
    )
    nomination = services.propose(
        head,
        movement,
        award_form=giay_khen,
        target=Target.INDIVIDUAL,
        subject_id=person("Vương Đình Phúc").pk,
        proposing_unit=one_stop,
    )
    return services.generate_documents(head, nomination.dossier)


def report_of(files, name):
    found = [f for f in files if f.nomination is not None and f.nomination.candidate_name == name]
    assert len(found) == 1
    return found[0].document


def test_the_collective_report_lists_the_units_tasks_with_timeliness(generated, one_stop):
    document = report_of(generated, "Bộ phận tiếp nhận và trả kết quả")
    assert document.template_key == "bao_cao_thanh_tich_chuyen_de"
    assert document.regime == "R2013"
    text = text_of(documents.render_docx(document))
    tasks = Task.objects.filter(lead_unit=one_stop)
    assert tasks.exists()
    for task in tasks:
        assert f"Nhiệm vụ {task.number}: {task.content}" in text
    assert "ngày làm việc" in text or "Đúng hạn" in text
    assert "Mẫu số 07" in text  # NĐ 91/2017's themed-movement report
    # Section on awards received, from the Office's award history.
    assert "98/QĐ-UBND" in text and "20/12/2022" in text


def test_the_individual_report_names_the_recognised_initiative(generated):
    document = report_of(generated, "Vương Đình Phúc")
    text = text_of(documents.render_docx(document))
    assert "Tra cứu tình trạng hồ sơ thủ tục hành chính bằng mã QR" in text
    assert "45/QĐ-UBND" in text


def test_the_proposal_carries_the_one_line_summary_list(generated):
    proposal = next(f.document for f in generated if f.document.template_key == "to_trinh")
    text = text_of(documents.render_docx(proposal))
    assert "TỜ TRÌNH" in text and "DANH SÁCH TRÍCH NGANG" in text
    assert "Vương Đình Phúc" in text and "1990 (Nam)" in text
    assert "Bộ phận tiếp nhận và trả kết quả" in text


def test_the_head_edits_a_draft_before_printing(generated, user):
    dossier_file = next(f for f in generated if f.document.template_key == "to_trinh")
    services.edit_document(
        user("truongmotcua"), dossier_file, "Căn cứ kết quả công tác năm 2023;\nĐề nghị khen thưởng"
    )
    dossier_file.document.refresh_from_db()
    text = text_of(documents.render_docx(dossier_file.document))
    assert "Căn cứ kết quả công tác năm 2023;" in text and "Đề nghị khen thưởng./." in text
