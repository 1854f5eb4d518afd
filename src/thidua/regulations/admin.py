from django.contrib import admin

from .models import BaseSalary, LegalRegime, Multiplier


class MultiplierInline(admin.TabularInline):
    model = Multiplier
    extra = 0


@admin.register(LegalRegime)
class LegalRegimeAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "valid_from", "valid_to"]
    inlines = [MultiplierInline]


@admin.register(BaseSalary)
class BaseSalaryAdmin(admin.ModelAdmin):
    list_display = ["valid_from", "amount", "source"]
