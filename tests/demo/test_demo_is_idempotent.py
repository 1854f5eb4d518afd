import pytest
from django.apps import apps
from django.conf import settings

from thidua.demo.services import load_demo
from thidua.orgs.models import Membership, Person


def table_sizes() -> dict[str, int]:
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.app_label in {"orgs", "plans", "movements", "audit"}
        and model._meta.model_name != "loginfailure"
    }


@pytest.mark.django_db
def test_loading_the_demo_twice_changes_no_table(demo):
    before = table_sizes()
    load_demo(settings.DEMO_PASSWORD)
    assert table_sizes() == before
    assert before["orgs.Person"] >= 40


@pytest.mark.django_db
def test_the_council_has_seven_members_chaired_by_the_chairman(demo):
    council = Membership.objects.filter(
        unit__organisation=demo["mo_lao"], unit__kind="council", role="council_member"
    ).select_related("user")
    assert {m.user.username for m in council} == {
        "chutich",
        "hoidong1",
        "hoidong2",
        "hoidong3",
        "hoidong4",
        "truongmotcua",
        "vanphong",
    }
    titles = {m.user.username: m.title for m in council}
    assert titles["chutich"] == "Chủ tịch Hội đồng"
    assert titles["hoidong1"] == "Phó Chủ tịch Hội đồng"
    assert titles["vanphong"] == "Ủy viên - Thư ký"


@pytest.mark.django_db
def test_the_chairman_is_the_seeds_signer(demo):
    chairman = Person.objects.get(user__username="chutich")
    assert chairman.full_name == "Nguyễn Thị Thanh"
    assert chairman.organisation.committee_name == "UBND phường Mộ Lao"


@pytest.mark.django_db
def test_the_2023_movement_carries_the_seeds_quotas_and_dossier(demo):
    movement = demo["mo_lao"].movements.get(year=2023)
    assert movement.plan.number == "20/KH-UBND"
    assert sorted(movement.plan.implements.values_list("number", flat=True)) == [
        "17/KH-UBND",
        "60/KH-UBND",
    ]
    quotas = {q.target: (q.minimum, q.maximum) for q in movement.quotas.all()}
    assert quotas == {"collective": (1, 2), "individual": (1, 2)}
    assert [(f.form, f.awarded_by) for f in movement.award_forms.all()] == [
        ("Giấy khen", "Chủ tịch UBND phường")
    ]
    assert [d.name for d in movement.dossier_items.all()][0] == "Tờ trình đề nghị khen thưởng"
