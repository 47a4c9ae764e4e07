import pytest
from django.contrib.auth.models import AnonymousUser

from trustboard.core.models import Role
from trustboard.core.permissions import Permission, role_of, user_can


def test_the_public_may_read_the_structure_but_not_edit_it():
    public = AnonymousUser()
    assert role_of(public) is None
    assert user_can(public, Permission.VIEW_STRUCTURE)
    assert not user_can(public, Permission.EDIT_STRUCTURE)
    assert not user_can(public, Permission.VIEW_HISTORY)


@pytest.mark.django_db
def test_a_member_reads_history_but_cannot_edit(member):
    assert user_can(member, Permission.VIEW_HISTORY)
    assert not user_can(member, Permission.EDIT_STRUCTURE)
    assert not user_can(member, Permission.IMPORT_DATA)


@pytest.mark.django_db
def test_an_analyst_imports_data_but_cannot_edit_the_structure(django_user_model):
    analyst = django_user_model.objects.create_user(username="a", role=Role.ANALYST)
    assert user_can(analyst, Permission.IMPORT_DATA)
    assert not user_can(analyst, Permission.EDIT_STRUCTURE)


@pytest.mark.django_db
def test_a_superuser_is_an_administrator_whatever_their_role_field(django_user_model):
    admin = django_user_model.objects.create_superuser(username="root", password="x" * 12)
    assert role_of(admin) == Role.ADMINISTRATOR
    assert user_can(admin, Permission.EDIT_STRUCTURE)


@pytest.mark.django_db
def test_a_deactivated_officer_has_no_rights(officer):
    officer.is_active = False
    assert not user_can(officer, Permission.EDIT_STRUCTURE)
