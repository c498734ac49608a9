"""The user model moved from the `users` app to this one: an install from before keeps its table, its users
and what they may do (checked once by hand on SQLite and PostgreSQL databases made before the move; these tests
keep the two migrations honest)."""

import importlib
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.recorder import MigrationRecorder

pytestmark = pytest.mark.django_db
move = importlib.import_module("accounts.migrations.0002_user_content_type")


def test_an_install_from_before_runs_only_the_content_type_move(django_user_model):
    # As a database migrated before the move records it: users' 0001, none of accounts'.
    recorder = MigrationRecorder(connection)
    recorder.migration_qs.filter(app="accounts").delete()
    assert recorder.migration_qs.filter(app="users", name="0001_initial").exists()
    executor = MigrationExecutor(connection)
    executor.loader.check_consistent_history(connection)  # no InconsistentMigrationHistory
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    assert [(m.app_label, m.name) for m, _ in plan] == [("accounts", "0002_user_content_type")]
    assert django_user_model._meta.db_table == "users_user"


def _editor():
    return SimpleNamespace(connection=connection)


def test_the_content_type_and_every_grant_move_with_the_model(django_user_model):
    user_type = ContentType.objects.get_for_model(django_user_model)
    group = Group.objects.create(name="Quản trị")
    group.permissions.add(Permission.objects.get(content_type=user_type, codename="change_user"))
    ContentType.objects.filter(pk=user_type.pk).update(app_label="users")  # as before the move
    ContentType.objects.clear_cache()

    move.forwards(apps, _editor())

    ContentType.objects.clear_cache()
    assert ContentType.objects.get_for_model(django_user_model).pk == user_type.pk
    assert not ContentType.objects.filter(app_label="users").exists()
    member = django_user_model.objects.create_user("quantri")
    member.groups.add(group)
    assert member.has_perm("accounts.change_user")


def test_grants_under_the_old_name_join_the_new_one_when_both_exist(django_user_model):
    new_type = ContentType.objects.get_for_model(django_user_model)
    old_type = ContentType.objects.create(app_label="users", model="user")
    old_change = Permission.objects.create(content_type=old_type, codename="change_user", name="Can change user")
    group = Group.objects.create(name="Quản trị")
    group.permissions.add(old_change)

    move.forwards(apps, _editor())

    assert not ContentType.objects.filter(pk=old_type.pk).exists()
    assert list(group.permissions.values_list("content_type", "codename")) == [(new_type.pk, "change_user")]
