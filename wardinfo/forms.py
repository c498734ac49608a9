"""Admin forms of the section: the boundary upload, and choices that must stay inside the editor's own site."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core.forms import PortalPageForm
from wardinfo.boundary import MAX_BYTES, parse_boundary

HOME_PATH_LENGTH = 8  # ward home pages are children of the tree's root (wards.sites.ensure_ward_site)


def same_site(page, parent_page):
    return page.path[:HOME_PATH_LENGTH] == parent_page.path[:HOME_PATH_LENGTH]


class IntroPageForm(PortalPageForm):
    boundary_file = forms.FileField(
        label=_("Tải lên tệp ranh giới (GeoJSON)"),
        required=False,
        help_text=_(
            "Tệp .geojson một vùng (Polygon hoặc MultiPolygon), toạ độ WGS 84 [kinh độ, vĩ độ], tối đa %(limit)d KB."
            " Nội dung tệp sẽ thay thế ô dữ liệu ranh giới bên dưới."
        )
        % {"limit": MAX_BYTES // 1024},
    )

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("boundary_file")
        if not upload:
            return cleaned
        if upload.size > MAX_BYTES:
            self.add_error("boundary_file", _("Tệp quá lớn (tối đa %(limit)d KB).") % {"limit": MAX_BYTES // 1024})
            return cleaned
        try:
            text = upload.read().decode("utf-8-sig")
            parse_boundary(text)
        except UnicodeDecodeError:
            self.add_error("boundary_file", _("Tệp không phải văn bản UTF-8."))
        except ValidationError as error:
            self.add_error("boundary_file", error)
        else:
            cleaned["boundary_geojson"] = text
        return cleaned


class LeaderPageForm(PortalPageForm):
    def clean_unit(self):
        # The page chooser shows every site's tree; a leader belongs to a unit of their own ward.
        unit = self.cleaned_data.get("unit")
        if unit is not None and not same_site(unit, self.parent_page):
            raise ValidationError(_("Chỉ chọn được đơn vị của chính phường, xã này."))
        return unit


class UnitPageForm(PortalPageForm):
    def clean_parent_unit(self):
        parent_unit = self.cleaned_data.get("parent_unit")
        if parent_unit is None:
            return None
        if not same_site(parent_unit, self.parent_page):
            raise ValidationError(_("Chỉ chọn được đơn vị của chính phường, xã này."))
        # Walking up from the chosen unit must never come back to this one.
        seen, current = set(), parent_unit.specific
        while current is not None and current.pk not in seen:
            if self.instance.pk and current.pk == self.instance.pk:
                raise ValidationError(_("Đơn vị cấp trên không được là chính đơn vị này hay đơn vị cấp dưới của nó."))
            seen.add(current.pk)
            current = current.parent_unit.specific if current.parent_unit_id else None
        return parent_unit
