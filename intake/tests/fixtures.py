"""Test fixtures shared by every app that takes citizen input: a moderator of the test ward."""

import pytest

from intake.moderation import ensure_moderator_group


@pytest.fixture
def moderator(ward_site, django_user_model):
    user = django_user_model.objects.create_user("kiemduyet", email="kiemduyet@example.org", password="x")
    user.groups.add(ensure_moderator_group(ward_site))
    return user
