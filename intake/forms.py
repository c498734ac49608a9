"""What every citizen form that asks for a name and a way to reach the person shares: controls removed on the
way in (Django's own refusal of a NUL would be in English), the name and text stored NFC, a phone number's
shape, at least one of email and phone, the consent to the personal-data notice, and the text's length."""

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from core.text import normalize_text, remove_controls

MAX_TEXT = 4000
_PHONE = re.compile(r"^\+?[0-9 .()-]{8,20}$")


class CitizenForm(forms.ModelForm):
    """A ModelForm of a model with `full_name`, `email`, `phone` and `text`; subclasses name their messages."""

    consent = forms.BooleanField(
        label=_("Tôi đã đọc thông báo xử lý dữ liệu cá nhân ở trên và đồng ý."),
        error_messages={"required": _("Vui lòng đánh dấu đồng ý với thông báo xử lý dữ liệu cá nhân.")},
    )
    cleaned_inputs = ("full_name", "email", "phone", "text")
    empty_text_message = _("Vui lòng nhập nội dung.")
    long_text_message = _("Nội dung dài quá 4.000 ký tự.")

    def __init__(self, data=None, *args, **kwargs):
        if data is not None:
            data = data.copy()
            for name in self.cleaned_inputs:
                if name in data:
                    data[name] = remove_controls(data[name])
        super().__init__(data, *args, **kwargs)
        self.fields["text"].max_length = MAX_TEXT
        self.fields["text"].widget.attrs["maxlength"] = MAX_TEXT
        self.fields["full_name"].widget.attrs["autocomplete"] = "name"
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["phone"].widget = forms.TextInput(attrs={"type": "tel", "autocomplete": "tel", "maxlength": 20})

    def clean_full_name(self):
        return normalize_text(self.cleaned_data["full_name"])

    def clean_phone(self):
        phone = normalize_text(self.cleaned_data.get("phone", ""))
        if phone and not _PHONE.match(phone):
            raise forms.ValidationError(_("Số điện thoại không hợp lệ."))
        return phone

    def clean_text(self):
        text = normalize_text(self.cleaned_data["text"], multiline=True)
        if not text:
            raise forms.ValidationError(self.empty_text_message)
        if len(text) > MAX_TEXT:
            raise forms.ValidationError(self.long_text_message)
        return text

    def clean(self):
        data = super().clean()
        if not data.get("email") and not data.get("phone") and "email" not in self.errors:
            self.add_error("email", _("Vui lòng nhập thư điện tử hoặc số điện thoại để phường liên hệ khi cần."))
        return data


class ModerationForm(forms.ModelForm):
    """A moderator's form on a citizen's item: what they write is stored NFC (`single_lines`, `multilines`); the
    button pressed decides whether it is saved, published (`needed_to_publish`: field -> message when missing)
    or rejected (a reason is needed)."""

    single_lines = ()
    multilines = ("reject_reason",)
    needed_to_publish = {}

    def clean(self):
        data = super().clean()
        for name in self.single_lines:
            data[name] = normalize_text(data.get(name) or "")
        for name in self.multilines:
            data[name] = normalize_text(data.get(name) or "", multiline=True)
        return data

    def check_publishable(self):
        """Errors for what publishing needs; True when nothing is missing."""
        for name, message in self.needed_to_publish.items():
            if not self.cleaned_data.get(name):
                self.add_error(name, message)
        return not self.errors

    def check_rejectable(self):
        if not self.cleaned_data.get("reject_reason"):
            self.add_error("reject_reason", _("Cần ghi lý do không đăng."))
        return not self.errors
