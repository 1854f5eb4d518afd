from django.contrib import admin

from .models import Certificate, Document, DocumentTemplate, IncomingDocument, NumberSeries


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    list_display = ["symbol", "date", "doc_type", "summary", "status", "organisation"]
    list_filter = ["status", "doc_type", "year"]
    search_fields = ["symbol", "summary"]


@admin.register(NumberSeries)
class NumberSeriesAdmin(admin.ModelAdmin):
    list_display = ["organisation", "series", "year", "last_number"]


admin.site.register(IncomingDocument)
admin.site.register(DocumentTemplate)
admin.site.register(Certificate)
