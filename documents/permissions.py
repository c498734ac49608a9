"""Who may edit a site's lists of document types and fields: its chief editors and administrators."""

from django.contrib.auth import get_user_model
from django.db.models import Q
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.permission_policies.base import BasePermissionPolicy

from editorial.models import Role
from editorial.roles import sites_for_user

LIST_EDITORS = (Role.CHIEF, Role.ADMIN)


def editable_sites(user):
    return sites_for_user(user, roles=LIST_EDITORS)


class SiteListPermissionPolicy(BasePermissionPolicy):
    """Every action on an entry of a per-site list belongs to that site's chief editors and administrators."""

    def user_has_permission(self, user, action):
        return editable_sites(user).exists()

    def users_with_any_permission(self, actions):
        editors = Q(is_superuser=True) | Q(groups__site_role__role__in=LIST_EDITORS)
        return get_user_model().objects.filter(editors, is_active=True).distinct()

    def user_has_permission_for_instance(self, user, action, instance):
        return editable_sites(user).filter(pk=instance.site_id).exists()

    def instances_user_has_any_permission_for(self, user, actions):
        return self.model._default_manager.filter(site__in=editable_sites(user))

    def users_with_any_permission_for_instance(self, actions, instance):
        editors = Q(is_superuser=True) | Q(
            groups__site_role__role__in=LIST_EDITORS, groups__site_role__site_id=instance.site_id
        )
        return get_user_model().objects.filter(editors, is_active=True).distinct()


class SiteListForm(WagtailAdminModelForm):
    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        if for_user is not None and "site" in self.fields:
            self.fields["site"].queryset = editable_sites(for_user)
