"""The admin's "Mã truy cập API": write tokens per site, made and revoked by administrators (Cài đặt)."""

from django import forms
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.views.generic.models import CreateView, EditView
from wagtail.admin.viewsets.model import ModelViewSet

from api import tokens
from api.models import ApiToken


class TokenCreateForm(WagtailAdminModelForm):
    class Meta:
        model = ApiToken
        fields = ["site", "name", "scope"]


class TokenEditForm(WagtailAdminModelForm):
    revoke = forms.BooleanField(
        label=_("Thu hồi mã này"), required=False, help_text=_("Mã đã thu hồi không dùng lại được nữa.")
    )

    class Meta:
        model = ApiToken
        fields = ["name"]


class TokenCreateView(CreateView):
    def save_instance(self):
        from audit import record

        instance = self.form.instance
        self.token = tokens.new_token()
        instance.prefix, instance.key_hash = self.token[:10], tokens.digest(self.token)
        instance.created_by = self.request.user
        instance = super().save_instance()
        record(
            "api_token_created",
            actor=self.request.user,
            site=instance.site_id,
            obj=instance,
            details={"scope": instance.scope},
        )
        return instance

    def save_action(self):
        # The token is shown on this page once; only its keyed hash is kept.
        return TemplateResponse(
            self.request,
            "api/token_created.html",
            {"token": self.token, "object": self.object, "index_url": self.get_success_url()},
        )


class TokenEditView(EditView):
    def save_instance(self):
        from audit import record

        instance = super().save_instance()
        if self.form.cleaned_data.get("revoke") and instance.revoked_at is None:
            instance.revoked_at = timezone.now()
            instance.save(update_fields=["revoked_at"])
            record("api_token_revoked", actor=self.request.user, site=instance.site_id, obj=instance)
        return instance


class ApiTokenViewSet(ModelViewSet):
    model = ApiToken
    icon = "key"
    menu_label = _("Mã truy cập API")
    add_to_settings_menu = True
    add_view_class = TokenCreateView
    edit_view_class = TokenEditView
    list_display = ["name", "site", "scope", "prefix", "created_at", "last_used_at", "revoked_at"]
    list_filter = ["site"]
    inspect_view_enabled = False

    def get_form_class(self, for_update=False):
        return TokenEditForm if for_update else TokenCreateForm


@hooks.register("register_admin_viewset")
def register_api_tokens():
    return ApiTokenViewSet("api_tokens")
