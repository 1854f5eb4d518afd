"""A user reading the UI in English still produces Vietnamese documents."""

import pytest
from django.utils import translation

from thidua.core.i18n import in_vietnamese
from thidua.orgs.models import Person


@pytest.mark.django_db
def test_choice_labels_built_inside_a_document_service_are_vietnamese(demo):
    chairman = Person.objects.get(user__username="chutich")

    @in_vietnamese
    def build():
        return chairman.get_gender_display()

    with translation.override("en"):
        assert chairman.get_gender_display() == "Female"
        assert build() == "Nữ"
        assert translation.get_language() == "en"

