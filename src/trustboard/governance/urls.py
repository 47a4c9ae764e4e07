from django.urls import path

from trustboard.governance import views

app_name = "governance"
urlpatterns = [
    path("", views.scenario_list, name="scenario-list"),
    path("compare/", views.scenario_compare, name="scenario-compare"),
    path("import/", views.scenario_import, name="scenario-import"),
    path("organisations/", views.organisation_list, name="organisation-list"),
    path("organisations/new/", views.organisation_edit, name="organisation-create"),
    path("organisations/<int:pk>/", views.organisation_detail, name="organisation-detail"),
    path("organisations/<int:pk>/edit/", views.organisation_edit, name="organisation-edit"),
    path("people/", views.person_list, name="person-list"),
    path("people/new/", views.person_edit, name="person-create"),
    path("people/<int:pk>/", views.person_detail, name="person-detail"),
    path("people/<int:pk>/edit/", views.person_edit, name="person-edit"),
    path("<slug:slug>/", views.scenario_detail, name="scenario-detail"),
    path("<slug:slug>/checks/", views.scenario_checks, name="scenario-checks"),
    path("<slug:slug>/diagram.svg", views.scenario_diagram, name="scenario-diagram"),
    path("<slug:slug>/structure.yaml", views.scenario_file, name="scenario-file"),
    path("<slug:slug>/edit/", views.scenario_edit, name="scenario-edit"),
    path("<slug:slug>/copy/", views.scenario_copy, name="scenario-copy"),
    path("<slug:slug>/delete/", views.scenario_delete, name="scenario-delete"),
    path("<slug:slug>/merge/", views.body_merge, name="body-merge"),
    path("<slug:slug>/bodies/new/", views.body_edit, name="body-create"),
    path("<slug:slug>/bodies/<int:pk>/", views.body_detail, name="body-detail"),
    path("<slug:slug>/bodies/<int:pk>/edit/", views.body_edit, name="body-edit"),
    path("<slug:slug>/bodies/<int:pk>/delete/", views.body_delete, name="body-delete"),
    path("<slug:slug>/bodies/<int:pk>/members/new/", views.membership_edit,
         name="membership-create"),
    path("<slug:slug>/bodies/<int:pk>/members/<int:membership_pk>/edit/", views.membership_edit,
         name="membership-edit"),
    path("<slug:slug>/bodies/<int:pk>/members/<int:membership_pk>/remove/",
         views.membership_delete, name="membership-delete"),
    path("<slug:slug>/lines/new/", views.relationship_add, name="relationship-create"),
    path("<slug:slug>/lines/<int:pk>/remove/", views.relationship_delete,
         name="relationship-delete"),
]
