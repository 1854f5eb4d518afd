"""API of the document register (registered in ``thidua.api.urls``).

``GET /api/v1/documents/`` — the register the user may see, newest first; filters
``type`` (Phụ lục III abbreviation, e.g. ``TB``), ``status``, ``year`` and ``q`` (words of
the summary or the symbol); paginated ``{count, next, previous, results}``.
``GET /api/v1/documents/{id}/`` — one document. Another ward's document answers 404.
A replaced document names its replacement in ``replaced_by`` (the register's pages record
the replacement; the API only reads).
"""

from __future__ import annotations

from django.db.models import Prefetch
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
    extend_schema_field,
    extend_schema_view,
)
from rest_framework import serializers, viewsets
from rest_framework.exceptions import ValidationError

from thidua.vn import TYPE_ABBREVIATIONS

from . import queries
from .models import Document, Recipient, Status


class RecipientSerializer(serializers.ModelSerializer):
    class Meta:
        model = Recipient
        fields = ["name", "purpose"]


class SignerSerializer(serializers.Serializer):
    name = serializers.CharField()
    title = serializers.CharField()
    authority = serializers.CharField(help_text="'', TM, TM_KT, KT, Q, TL, TUQ")
    lines = serializers.ListField(
        child=serializers.CharField(), help_text="e.g. ['TM. ỦY BAN NHÂN DÂN', 'CHỦ TỊCH']"
    )


class ReplacementSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    symbol = serializers.CharField(help_text="'' for a unit's own document (not numbered)")
    date = serializers.DateField()


class DocumentSerializer(serializers.ModelSerializer):
    type = serializers.CharField(source="doc_type", help_text="Phụ lục III NĐ 30/2020, e.g. TB")
    type_name = serializers.CharField()
    organisation = serializers.CharField(source="organisation.committee_name")
    issuer = serializers.CharField(
        source="issuer_short",
        help_text="The issuer's name valid on the document's date (a unit: its name)",
    )
    # A plain string: a choice field would add one more "status" enum to the OpenAPI
    # schema and collide with the others (drf-spectacular W001).
    status = serializers.CharField(help_text="draft, issued, cancelled, replaced, revoked")
    replaced_by = serializers.SerializerMethodField()
    signer = serializers.SerializerMethodField()
    recipients = RecipientSerializer(many=True)
    docx_url = serializers.SerializerMethodField()
    pdf_url = serializers.SerializerMethodField()
    verification_code = serializers.SerializerMethodField()

    class Meta:
        model = Document
        fields = [
            "id",
            "type",
            "type_name",
            "number",
            "symbol",
            "date",
            "place",
            "organisation",
            "issuer",
            "summary",
            "status",
            "replaced_by",
            "signer",
            "recipients",
            "docx_url",
            "pdf_url",
            "verification_code",
        ]

    @extend_schema_field(SignerSerializer)
    def get_signer(self, document: Document) -> dict:
        return {
            "name": document.signer_name,
            "title": document.signer_title,
            "authority": document.authority,
            "lines": document.signature_lines,
        }

    @extend_schema_field(ReplacementSerializer(allow_null=True))
    def get_replaced_by(self, document: Document) -> dict | None:
        """The issued document that replaced this one (status ``replaced``), else null."""
        new = document.replaced_by
        if new is None:
            return None
        return {"id": new.pk, "symbol": new.symbol, "date": new.date}

    def _url(self, name: str, document: Document) -> str:
        path = reverse(name, kwargs={"document_id": document.pk})
        return self.context["request"].build_absolute_uri(path)

    def get_docx_url(self, document: Document) -> str:
        return self._url("documents:docx", document)

    def get_pdf_url(self, document: Document) -> str:
        return self._url("documents:pdf", document)

    def get_verification_code(self, document: Document) -> str | None:
        """Only an issued decision is verifiable; a cancelled one's code still answers on
        the public page (showing it was cancelled), but the API lists it as null."""
        return document.verification_code if document.status == Status.ISSUED else None


FILTERS = [
    OpenApiParameter("type", OpenApiTypes.STR, description="Phụ lục III abbreviation, e.g. TB"),
    OpenApiParameter(
        "status", OpenApiTypes.STR, description="draft, issued, cancelled, replaced, revoked"
    ),
    OpenApiParameter("year", OpenApiTypes.INT),
    OpenApiParameter("q", OpenApiTypes.STR, description="Words of the summary or the symbol"),
]


@extend_schema_view(list=extend_schema(parameters=FILTERS))
class DocumentViewSet(viewsets.ReadOnlyModelViewSet):
    """The outgoing documents of the register that the user may see."""

    serializer_class = DocumentSerializer
    lookup_url_kwarg = "document_id"

    def get_queryset(self):
        documents = (
            Document.objects.visible_to(self.request.user)
            .select_related("organisation", "replaced_by")
            .prefetch_related(
                Prefetch("recipients", queryset=Recipient.objects.order_by("position", "id"))
            )
            .order_by("-date", "-number", "-id")
        )
        if self.action != "list":
            return documents
        params = self.request.query_params
        status, doc_type = params.get("status", ""), params.get("type", "")
        year, q = params.get("year", ""), params.get("q", "")
        if status and status not in Status.values:
            raise ValidationError(
                {"status": f"Trạng thái không hợp lệ; dùng một trong {', '.join(Status.values)}."}
            )
        if doc_type and doc_type not in TYPE_ABBREVIATIONS:
            raise ValidationError(
                {"type": "Loại văn bản là chữ viết tắt của Phụ lục III NĐ 30/2020, ví dụ TB, QĐ."}
            )
        if year and not (year.isdigit() and 1900 <= int(year[:5]) <= 2100):
            raise ValidationError({"year": "Năm là số có 4 chữ số, ví dụ 2023."})
        return queries.filter_register(
            documents, status=status, doc_type=doc_type, year=year, q=q[:100]
        )
