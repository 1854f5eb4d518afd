"""Demo register of phường Mộ Lao in 2023: the incoming district plan, the ward's plan
20/KH-UBND, a report still in draft and an own Giấy mời template. The 2023 movement waits
at the council stage, so its award documents are made by whoever runs the council; the
finished 2022 chain (decision 98/QĐ-UBND and its certificates) comes from demo/council.py.
Idempotent and deterministic (fixed numbers and codes)."""

from __future__ import annotations

import datetime

from django.core.files.base import ContentFile

from thidua.documents import services
from thidua.documents.models import (
    Document,
    DocumentTemplate,
    IncomingDocument,
    NumberSeries,
)
from thidua.documents.rendering import builtin_template
from thidua.documents.samples import _content
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
    ("bao_cao_ket_qua", PLAN_SIGNER, [("UBND quận Hà Đông", "")], None),
]


def _annex_pdf() -> ContentFile:
    """A one-page PDF standing for the figures annexed to the draft report."""
    import io

    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    out = io.BytesIO()
    writer.write(out)
    return ContentFile(out.getvalue(), name="phu-luc-so-lieu.pdf")


def load(organisation: Organisation) -> None:
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
        if number is None and not document.attachments.exists():
            services.add_attachments(None, document, [_annex_pdf()])
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
