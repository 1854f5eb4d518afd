"""Demo register of phường Mộ Lao in 2023: the incoming district plan, the ward's plan
20/KH-UBND, the movement's invitation, minutes, proposal, disclosure and award decision
with its four certificates, a report still in draft, an own Giấy mời template and a
finished certificate print job. Idempotent and deterministic (fixed numbers and codes)."""

from __future__ import annotations

import datetime
import random

from django.core.files.base import ContentFile

from thidua.documents import services
from thidua.documents.models import (
    Certificate,
    Document,
    DocumentTemplate,
    IncomingDocument,
    JobStatus,
    NumberSeries,
    RenderJob,
)
from thidua.documents.rendering import builtin_template
from thidua.documents.samples import COLLECTIVES, INDIVIDUALS, _content
from thidua.orgs.models import Organisation

D = datetime.date
CHAIRMAN = services.Signer("Nguyễn Thị Thanh", "CHỦ TỊCH")
PLAN_SIGNER = services.Signer(
    "Nguyễn Thị Thanh", "CHỦ TỊCH", "TM", authority_body="ỦY BAN NHÂN DÂN"
)
COUNCIL_SIGNER = services.Signer("Nguyễn Thị Thanh", "CHỦ TỊCH", "TM", authority_body="HỘI ĐỒNG")
OFFICE_SIGNER = services.Signer("Phạm Thu Hà", "CHÁNH VĂN PHÒNG", "TL", principal_title="CHỦ TỊCH")

# template key, signer, recipients, number (None: left as a draft)
DOCUMENTS = [
    (
        "ke_hoach",
        PLAN_SIGNER,
        [
            ("UBND quận Hà Đông", "để b/c"),
            ("TT Đảng ủy phường", "để b/c"),
            ("MTTQ và các đoàn thể", ""),
            ("Cán bộ, công chức", ""),
            ("Lưu: VT", ""),
        ],
        20,
    ),
    ("giay_moi", CHAIRMAN, [("Như thành phần mời", "")], 118),
    ("bien_ban_hop_hoi_dong", COUNCIL_SIGNER, [], 3),
    ("to_trinh", COUNCIL_SIGNER, [("Như trên", ""), ("Lưu: VT, HĐTĐKT", "")], 5),
    ("thong_bao_cong_khai", OFFICE_SIGNER, [("Các ban, ngành, đoàn thể phường", "")], 121),
    (
        "quyet_dinh_khen_thuong",
        CHAIRMAN,
        [("Như Điều 3", ""), ("UBND quận Hà Đông", "để b/c"), ("Lưu: VT, TĐKT", "")],
        125,
    ),
    ("bao_cao_ket_qua", PLAN_SIGNER, [("UBND quận Hà Đông", "")], None),
]


def _code(rng: random.Random) -> str:
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789"
    return "".join(rng.choice(alphabet) for _ in range(16))


def load(organisation: Organisation) -> None:
    rng = random.Random(2023)
    IncomingDocument.objects.update_or_create(
        organisation=organisation,
        year=2023,
        arrival_number=15,
        defaults={
            "received_on": D(2023, 2, 21),
            "sender": "UBND quận Hà Đông",
            "their_symbol": "60/KH-UBND",
            "their_date": D(2023, 2, 20),
            "doc_type": "KH",
            "summary": "Tổ chức phong trào thi đua đẩy mạnh cải cách hành chính năm 2023",
        },
    )
    row, _ = NumberSeries.objects.get_or_create(
        organisation=organisation, series=services.INCOMING_SERIES, year=2023
    )
    if row.last_number < 15:
        row.last_number = 15
        row.save()
    decision = None
    for key, signer, recipients, number in DOCUMENTS:
        content, day, _number = _content(key, "R2013")
        summary = content.pop("summary")
        for frame_key in ("recipients", "signature_lines", "signer_name"):
            content.pop(frame_key, None)
        document = Document.objects.filter(
            organisation=organisation, template_key=key, date=day
        ).first()
        if document is None:
            document = services.create_draft(
                None,
                organisation,
                key,
                day,
                content,
                summary=summary,
                recipients=recipients,
                signer=signer,
            )
            if number is not None:
                document = services.import_issued(None, document, number)
        code = _code(rng)
        if document.doc_type == "QĐ" and document.verification_code != code:
            Document.objects.filter(pk=document.pk).update(verification_code=code)
        if key == "quyet_dinh_khen_thuong":
            decision = document
    assert decision is not None
    if not decision.certificates.exists():
        awardees = [
            {
                "name": name,
                "detail": "Bộ phận thuộc UBND phường Mộ Lao",
                "achievement": "Đã có thành tích xuất sắc trong phong trào thi đua đẩy mạnh "
                "cải cách hành chính năm 2023",
                "collective": True,
            }
            for name, _a in COLLECTIVES
        ] + [
            {
                "name": f"{'Bà' if gender == 'Nữ' else 'Ông'} {name}",
                "detail": position,
                "achievement": "Đã có thành tích xuất sắc trong phong trào thi đua đẩy mạnh "
                "cải cách hành chính năm 2023",
            }
            for name, _y, gender, position, _a in INDIVIDUALS
        ]
        services.create_certificates(None, decision, awardees)
    for certificate in decision.certificates.order_by("golden_book_number"):
        code = _code(rng)
        if certificate.verification_code != code:
            Certificate.objects.filter(pk=certificate.pk).update(verification_code=code)
    if not DocumentTemplate.objects.filter(
        organisation=organisation, key="giay_moi", regime="R2013"
    ).exists():
        template = DocumentTemplate(
            organisation=organisation,
            key="giay_moi",
            regime="R2013",
            original_name="giay-moi-mo-lao.docx",
        )
        template.file.save(
            "mo-lao-R2013-giay_moi.docx",
            ContentFile(builtin_template("giay_moi", "R2013")),
            save=False,
        )
        template.save()
    RenderJob.objects.update_or_create(
        organisation=organisation,
        document=decision,
        kind="certificates",
        defaults={
            "status": JobStatus.DONE,
            "total": 4,
            "done": 4,
            "message": "Đã tạo 4 Giấy khen.",
        },
    )
