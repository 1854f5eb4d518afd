from django.urls import path

from . import views

app_name = "plans"

urlpatterns = [
    path("", views.plan_list, name="list"),
    path("graph/", views.plan_graph, name="graph"),
    path("<int:plan_id>/", views.plan_detail, name="detail"),
]
