from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_each_nomination_carries_its_dossier_items(client_as, movement):
    response = client_as("vanphong").get(reverse("api:movement-nominations", args=[movement.pk]))
    assert response.status_code == 200
    results = response.json()["results"]
    by_name = {r["candidate"]: r for r in results}
    assert set(by_name) >= {
        "Tư pháp - Hộ tịch",
        "Bùi Thị Ngọc",
        "Đoàn Thanh niên phường",
        "Lê Thị Thảo",
    }
    ngoc = by_name["Bùi Thị Ngọc"]
    assert ngoc["status"] == "accepted" and ngoc["target"] == "individual"
    assert ngoc["award_form"] == "Giấy khen"
    assert {"item": "Tờ trình đề nghị khen thưởng", "present": True} in ngoc["dossier"]
    assert all(set(d) == {"item", "present"} for d in ngoc["dossier"])
    assert by_name["Đoàn Thanh niên phường"]["status"] == "returned"
    thao = by_name["Lê Thị Thảo"]
    assert thao["status"] == "draft" and not any(d["present"] for d in thao["dossier"])
    # Per-candidate items appear once per nomination, for its own candidate.
    assert sum(1 for d in thao["dossier"] if d["item"].startswith("Báo cáo thành tích")) == 1


def test_another_ward_gets_404(client_as, movement):
    response = client_as("vanquan").get(reverse("api:movement-nominations", args=[movement.pk]))
    assert response.status_code == 404
