"""Wagtail's user admin, limited for a ward's Quản trị to the users of their own site(s).

Wagtail lets anyone holding `users.change_user` edit every account and grant superuser status.
A ward's Quản trị holds that permission, so here they only see, edit and delete users who belong
to one of their site's groups (editorial roles, citizen-input moderators), may only hand out those groups,
and never superuser.
Superusers keep the unrestricted admin.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.users.forms import UserCreationForm, UserEditForm
from wagtail.users.views import users as wagtail_views

from editorial.models import Role, SiteRole
from intake.models import ModeratorGroup

User = get_user_model()


def administered_groups(user):
    """The groups a user may hand out: every group of each site where they are Quản trị (its editorial groups
    and its citizen-input moderators, intake.moderation)."""
    if user.is_superuser:
        return Group.objects.all()
    sites = SiteRole.objects.for_user(user).filter(role=Role.ADMIN).values("site_id")
    moderators = ModeratorGroup.objects.filter(site_id__in=sites).values("group_id")
    return Group.objects.filter(Q(site_role__site_id__in=sites) | Q(pk__in=moderators))


def administered_users(user):
    if user.is_superuser:
        return User._default_manager.all()
    return User._default_manager.filter(groups__in=administered_groups(user), is_superuser=False).distinct()


class SiteScopedFormMixin:
    def __init__(self, *args, request_user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.request_user = request_user
        if request_user is None or request_user.is_superuser:
            return
        self.fields.pop("is_superuser", None)
        self.fields["groups"].queryset = administered_groups(request_user)
        self.fields["groups"].required = True
        self.fields["groups"].help_text = _("Người dùng phải thuộc ít nhất một nhóm của trang do bạn quản trị.")

    def _save_m2m(self):
        # Keep the memberships this admin cannot see (groups of other sites) untouched.
        hidden = []
        if self.instance.pk and self.request_user is not None and not self.request_user.is_superuser:
            hidden = list(self.instance.groups.exclude(pk__in=administered_groups(self.request_user)))
        super()._save_m2m()
        if hidden:
            self.instance.groups.add(*hidden)


class SiteUserCreationForm(SiteScopedFormMixin, UserCreationForm):
    pass


class SiteUserEditForm(SiteScopedFormMixin, UserEditForm):
    pass


class ScopedFormKwargsMixin:
    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["request_user"] = self.request.user
        return kwargs


class IndexView(wagtail_views.IndexView):
    def get_base_queryset(self):
        return administered_users(self.request.user)


class SingleUserMixin:
    def get_queryset(self):
        return administered_users(self.request.user)


class CreateView(ScopedFormKwargsMixin, wagtail_views.CreateView):
    pass


class EditView(SingleUserMixin, ScopedFormKwargsMixin, wagtail_views.EditView):
    pass


class DeleteView(SingleUserMixin, wagtail_views.DeleteView):
    pass


class HistoryView(SingleUserMixin, wagtail_views.HistoryView):
    pass


class SiteUserViewSet(wagtail_views.UserViewSet):
    index_view_class = IndexView
    add_view_class = CreateView
    edit_view_class = EditView
    delete_view_class = DeleteView
    history_view_class = HistoryView

    def get_form_class(self, for_update=False):
        return SiteUserEditForm if for_update else SiteUserCreationForm
