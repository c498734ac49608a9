"""The citizen's question form, and the moderator's form for publishing or rejecting it."""

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from core.text import normalize_text, remove_controls
from questions.models import Question, Topic

MAX_QUESTION = 4000
_PHONE = re.compile(r"^\+?[0-9 .()-]{8,20}$")


class QuestionForm(forms.ModelForm):
    consent = forms.BooleanField(
        label=_("Tôi đã đọc thông báo xử lý dữ liệu cá nhân ở trên và đồng ý."),
        error_messages={"required": _("Vui lòng đánh dấu đồng ý với thông báo xử lý dữ liệu cá nhân.")},
    )

    class Meta:
        model = Question
        fields = ["full_name", "email", "phone", "topic", "text"]
        labels = {
            "full_name": _("Họ và tên"),
            "email": _("Thư điện tử"),
            "phone": _("Số điện thoại"),
            "topic": _("Chủ đề"),
            "text": _("Nội dung câu hỏi"),
        }
        help_texts = {
            "email": _("Cần ít nhất thư điện tử hoặc số điện thoại; không bao giờ được đăng công khai."),
            "phone": _("Ví dụ: 0912 345 678."),
            "text": _("Tối đa 4.000 ký tự. Không cần ghi thông tin cá nhân trong câu hỏi."),
        }
        error_messages = {
            "full_name": {"required": _("Vui lòng nhập họ và tên."), "max_length": _("Họ và tên quá dài.")},
            "email": {"invalid": _("Địa chỉ thư điện tử không hợp lệ.")},
            "topic": {"required": _("Vui lòng chọn chủ đề."), "invalid_choice": _("Chủ đề không hợp lệ.")},
            "text": {"required": _("Vui lòng nhập nội dung câu hỏi.")},
        }
        widgets = {"text": forms.Textarea(attrs={"rows": 8, "maxlength": MAX_QUESTION})}

    def __init__(self, data=None, *args, site, **kwargs):
        if data is not None:
            # Controls (a NUL among them) are removed, not refused: Django's own refusal would be in English.
            data = data.copy()
            for name in ("full_name", "email", "phone", "text"):
                if name in data:
                    data[name] = remove_controls(data[name])
        super().__init__(data, *args, **kwargs)
        self.fields["topic"].queryset = Topic.objects.filter(site=site)
        self.fields["topic"].required = True
        self.fields["topic"].empty_label = _("— Chọn chủ đề —")
        self.fields["text"].max_length = MAX_QUESTION
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
            raise forms.ValidationError(_("Vui lòng nhập nội dung câu hỏi."))
        if len(text) > MAX_QUESTION:
            raise forms.ValidationError(_("Câu hỏi dài quá 4.000 ký tự."))
        return text

    def clean(self):
        data = super().clean()
        if not data.get("email") and not data.get("phone") and "email" not in self.errors:
            self.add_error("email", _("Vui lòng nhập thư điện tử hoặc số điện thoại để phường liên hệ khi cần."))
        return data


class ModerationForm(forms.ModelForm):
    """What a moderator writes; the button pressed decides (save, publish, reject)."""

    class Meta:
        model = Question
        fields = ["topic", "public_title", "public_question", "answer", "answered_by", "reject_reason"]
        widgets = {
            "public_question": forms.Textarea(attrs={"rows": 6}),
            "answer": forms.Textarea(attrs={"rows": 10}),
            "reject_reason": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topic"].queryset = Topic.objects.filter(site=self.instance.site)

    def clean(self):
        data = super().clean()
        for name in ("public_title", "answered_by"):
            data[name] = normalize_text(data.get(name) or "")
        for name in ("public_question", "answer", "reject_reason"):
            data[name] = normalize_text(data.get(name) or "", multiline=True)
        return data

    def check_publishable(self):
        """Errors for what publishing needs; True when nothing is missing."""
        needed = {
            "public_title": _("Cần tiêu đề khi đăng."),
            "public_question": _("Cần câu hỏi đã biên tập để đăng."),
            "answer": _("Cần câu trả lời."),
            "answered_by": _("Cần ghi đơn vị hoặc người trả lời."),
        }
        for name, message in needed.items():
            if not self.cleaned_data.get(name):
                self.add_error(name, message)
        return not self.errors

    def check_rejectable(self):
        if not self.cleaned_data.get("reject_reason"):
            self.add_error("reject_reason", _("Cần ghi lý do không đăng."))
        return not self.errors
