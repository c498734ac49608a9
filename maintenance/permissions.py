"""Who may announce a suspension, least privilege: a ward site's administrators (role Quản trị) for their own
site; an all-sites notice only whoever holds maintenance.notify_all_sites (province IT staff, superusers)."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db.models import Q
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.permission_policies.base import BasePermissionPolicy

from editorial.models import Role
from editorial.roles import sites_for_user

ALL_SITES_PERMISSION = "maintenance.notify_all_sites"
NOTICE_ROLES = (Role.ADMIN,)


def own_sites(user):
    return sites_for_user(user, roles=NOTICE_ROLES)


def may_notify_all_sites(user):
    return user.is_authenticated and user.is_active and user.has_perm(ALL_SITES_PERMISSION)


def _all_sites_holders():
    permission = Permission.objects.filter(content_type__app_label="maintenance", codename="notify_all_sites")
    return Q(is_superuser=True) | Q(user_permissions__in=permission) | Q(groups__permissions__in=permission)


class NoticePermissionPolicy(BasePermissionPolicy):
    def user_has_permission(self, user, action):
        return may_notify_all_sites(user) or own_sites(user).exists()

    def users_with_any_permission(self, actions):
        admins = _all_sites_holders() | Q(groups__site_role__role__in=NOTICE_ROLES)
        return get_user_model().objects.filter(admins, is_active=True).distinct()

    def user_has_permission_for_instance(self, user, action, instance):
        if instance.site_id is None:
            return may_notify_all_sites(user)
        return may_notify_all_sites(user) or own_sites(user).filter(pk=instance.site_id).exists()

    def instances_user_has_any_permission_for(self, user, actions):
        if may_notify_all_sites(user):
            return self.model._default_manager.all()
        return self.model._default_manager.filter(site__in=own_sites(user))

    def users_with_any_permission_for_instance(self, actions, instance):
        admins = _all_sites_holders()
        if instance.site_id is not None:
            admins |= Q(groups__site_role__role__in=NOTICE_ROLES, groups__site_role__site_id=instance.site_id)
        return get_user_model().objects.filter(admins, is_active=True).distinct()


class NoticeForm(WagtailAdminModelForm):
    """A ward administrator picks one of their sites and must pick one; "all sites" (empty) is for province staff."""

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        if for_user is not None and "site" in self.fields:
            everything = may_notify_all_sites(for_user)
            if not everything:
                self.fields["site"].queryset = own_sites(for_user)
            self.fields["site"].required = not everything
            self.fields["site"].empty_label = "Tất cả các trang" if everything else "---------"

    def save(self, commit=True):
        if self.instance.pk is None and self.for_user is not None:
            self.instance.created_by = self.for_user
        return super().save(commit=commit)
