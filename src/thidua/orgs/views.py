"""Pages for organisations, units, people and the user's own account."""

from __future__ import annotations

import io

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from thidua.audit.services import record
from thidua.core.views import attach_counts, paginate

from . import services
from .auth import LoginForm
from .forms import PeopleImportForm
from .models import Membership, Organisation, Person, Role, Unit
from .queries import units_to_filter_by

IMPORT_ROLES = (Role.OFFICE,)


class LoginView(auth_views.LoginView):
    template_name = "orgs/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "orgs/password_change.html"
    success_url = reverse_lazy("password_change_done")

    def form_valid(self, form):
        response = super().form_valid(form)
        record(self.request.user, "auth.password_changed")
        messages.success(self.request, gettext("Đã đổi mật khẩu."))
        return response


@login_required
def password_change_done(request: HttpRequest) -> HttpResponse:
    return redirect("home")


@login_required
@require_POST
def switch_unit(request: HttpRequest) -> HttpResponse:
    try:
        membership = services.switch_membership(request, int(request.POST.get("membership", "0")))
    except (ValueError, PermissionError):
        messages.error(
            request, gettext("Không chuyển được: bạn không có vai trò trong đơn vị đã chọn.")
        )
    else:
        messages.success(
            request,
            gettext("Đang làm việc tại: %(unit)s — %(organisation)s.")
            % {
                "unit": membership.unit,
                "organisation": membership.unit.organisation.committee_name,
            },
        )
    return redirect("home")


@login_required
def organisation_list(request: HttpRequest) -> HttpResponse:
    """The administrative units the user may see, as a tree with validity and successors.

    The tree is ordered from (id, parent, level, name) alone; only the page shown is
    loaded whole, so a city's or the country's viewer does not load every ward.
    """
    nodes = list(
        Organisation.objects.visible_to(request.user)
        .order_by("level", "name")
        .values_list("id", "parent_id")
    )
    ids = {org_id for org_id, _ in nodes}
    by_parent: dict[int | None, list[int]] = {}
    for org_id, parent_id in nodes:
        by_parent.setdefault(parent_id if parent_id in ids else None, []).append(org_id)
    rows: list[tuple[int, int]] = []
    stack = [(org_id, 0) for org_id in reversed(by_parent.get(None, []))]
    while stack:
        org_id, depth = stack.pop()
        rows.append((depth, org_id))
        stack.extend((child, depth + 1) for child in reversed(by_parent.get(org_id, [])))
    page = paginate(request, rows, 50)
    organisations = Organisation.objects.filter(
        pk__in=[org_id for _, org_id in page]
    ).prefetch_related("successors", "predecessors")
    by_id = {
        org.pk: org
        for org in attach_counts(organisations, Unit.objects, "organisation", "unit_count")
    }
    page.object_list = [(depth, by_id[org_id]) for depth, org_id in page.object_list]
    return render(request, "orgs/organisation_list.html", {"rows": page.object_list, "page": page})


@login_required
def unit_list(request: HttpRequest) -> HttpResponse:
    units = (
        Unit.objects.visible_to(request.user)
        .select_related("organisation")
        .order_by("organisation__level", "organisation__name", "sort_name")
    )
    page = paginate(request, units, 50)
    page.object_list = attach_counts(
        page.object_list, Person.objects.filter(is_active=True), "unit", "people_count"
    )
    return render(request, "orgs/unit_list.html", {"page": page})


@login_required
def unit_detail(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = get_object_or_404(
        Unit.objects.visible_to(request.user).select_related("organisation"), pk=unit_id
    )
    people = unit.people.filter(is_active=True).order_by("sort_name")
    memberships = (
        Membership.objects.filter(unit=unit).select_related("user__person").order_by("role")
    )
    return render(
        request,
        "orgs/unit_detail.html",
        {"unit": unit, "people": people, "memberships": memberships},
    )


@login_required
def person_list(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()
    people = Person.objects.visible_to(request.user).select_related("unit", "organisation")
    unit_id = request.GET.get("unit", "")
    if unit_id.isdigit():
        people = people.filter(unit_id=int(unit_id))
    if request.GET.get("cchc") == "1":
        people = people.filter(performs_cchc=True)
    if query:
        people = services.search_people(people, query)
    people = people.order_by("sort_name", "id")
    units = units_to_filter_by(request.user)
    can_import = bool(services.organisations_where(request.user, *IMPORT_ROLES))
    return render(
        request,
        "orgs/person_list.html",
        {
            "page": paginate(request, people, 25),
            "query": query,
            "units": units,
            "unit_id": unit_id,
            "cchc": request.GET.get("cchc") == "1",
            "can_import": can_import,
        },
    )


@login_required
def person_detail(request: HttpRequest, person_id: int) -> HttpResponse:
    person = get_object_or_404(
        Person.objects.visible_to(request.user).select_related("unit", "organisation", "user"),
        pk=person_id,
    )
    memberships = (
        Membership.objects.filter(user=person.user).select_related("unit") if person.user else []
    )
    return render(
        request, "orgs/person_detail.html", {"person": person, "memberships": memberships}
    )


def _import_organisation(request: HttpRequest) -> Organisation:
    membership = services.current_membership(request)
    if membership is None or not services.has_role(
        request.user, membership.unit.organisation, *IMPORT_ROLES
    ):
        raise PermissionDenied(gettext("Chỉ Văn phòng được nhập danh sách cán bộ."))
    return membership.unit.organisation


@login_required
def person_import(request: HttpRequest) -> HttpResponse:
    organisation = _import_organisation(request)
    report = None
    if request.method == "POST":
        form = PeopleImportForm(request.POST, request.FILES)
        if form.is_valid():
            report = services.import_people(request.user, organisation, form.cleaned_data["file"])
            if report.file_error:
                form.add_error("file", report.file_error)
                report = None
            else:
                messages.success(
                    request,
                    gettext("Đã nhập %(accepted)s dòng; %(rejected)s dòng bị từ chối.")
                    % {"accepted": len(report.accepted), "rejected": len(report.rejected)},
                )
    else:
        form = PeopleImportForm()
    return render(
        request,
        "orgs/person_import.html",
        {"form": form, "report": report, "organisation": organisation},
    )


@login_required
def person_import_template(request: HttpRequest) -> HttpResponse:
    """An .xlsx with the expected columns and the organisation's unit names."""
    from openpyxl import Workbook

    organisation = _import_organisation(request)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Cán bộ"
    sheet.append(
        [
            "Họ và tên",
            "Giới tính",
            "Năm sinh",
            "Chức vụ, chức danh",
            "Đơn vị",
            "Trực tiếp thực hiện CCHC",
        ]
    )
    sheet.append(["Nguyễn Văn An", "Nam", 1985, "Công chức", "", "x"])
    units = workbook.create_sheet("Đơn vị")
    units.append(["Tên đơn vị (ghi đúng như dưới đây)"])
    for unit in Unit.objects.filter(organisation=organisation).order_by("sort_name"):
        units.append([unit.name])
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = 'attachment; filename="mau-danh-sach-can-bo.xlsx"'
    return response
