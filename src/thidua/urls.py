"""Root URL configuration.

URL parameters that carry an object's id are named ``<model>_id`` (``movement_id``),
so that the isolation test can fill them from real objects of any page added later.
"""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from thidua.core.views import healthz
from thidua.orgs import views as org_views

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    # Second: the citizens' survey answers are the busiest requests (see indexes.urls).
    path("indexes/", include("thidua.indexes.urls")),
    path("accounts/login/", org_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "accounts/password/",
        org_views.PasswordChangeView.as_view(),
        name="password_change",
    ),
    path("accounts/password/done/", org_views.password_change_done, name="password_change_done"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("orgs/", include("thidua.orgs.urls")),
    path("plans/", include("thidua.plans.urls")),
    path("movements/", include("thidua.movements.urls")),
    path("council/", include("thidua.council.urls")),
    path("nominations/", include("thidua.nominations.urls")),
    path("initiatives/", include("thidua.initiatives.urls")),
    path("tasks/", include("thidua.tasks.urls")),
    path("scoring/", include("thidua.scoring.urls")),
    path("notifications/", include("thidua.notifications.urls")),
    path("audit/", include("thidua.audit.urls")),
    path("", include("thidua.documents.urls")),
    path("api/v1/", include("thidua.api.urls")),
    path("admin/", admin.site.urls),
    path("", include("thidua.reports.urls")),
]
