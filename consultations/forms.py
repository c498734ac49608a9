"""A person's comment on a draft, and the moderator's form for publishing or rejecting it."""

from django import forms
from django.utils.translation import gettext_lazy as _

from consultations.models import Comment
from core.text import normalize_text
from intake.forms import CitizenForm, ModerationForm

GENERAL = ""


class CommentForm(CitizenForm):
    cleaned_inputs = (*CitizenForm.cleaned_inputs, "organisation", "reference")
    empty_text_message = _("Vui lòng nhập nội dung góp ý.")
    long_text_message = _("Góp ý dài quá 4.000 ký tự.")

    class Meta:
        model = Comment
        fields = ["full_name", "organisation", "email", "phone", "reference", "text"]
        labels = {
            "full_name": _("Họ và tên"),
            "organisation": _("Cơ quan, tổ chức (nếu có)"),
            "email": _("Thư điện tử"),
            "phone": _("Số điện thoại"),
            "reference": _("Góp ý cho phần nào của dự thảo"),
            "text": _("Nội dung góp ý"),
        }
        help_texts = {
            "organisation": _("Để trống nếu bạn góp ý với tư cách cá nhân."),
            "email": _("Cần ít nhất thư điện tử hoặc số điện thoại; không bao giờ được đăng công khai."),
            "phone": _("Ví dụ: 0912 345 678."),
            "text": _("Tối đa 4.000 ký tự. Nên nêu ý kiến và đề xuất sửa cụ thể."),
        }
        error_messages = {
            "full_name": {"required": _("Vui lòng nhập họ và tên."), "max_length": _("Họ và tên quá dài.")},
            "organisation": {"max_length": _("Tên cơ quan, tổ chức quá dài.")},
            "email": {"invalid": _("Địa chỉ thư điện tử không hợp lệ.")},
            "reference": {"max_length": _("Phần góp ý quá dài.")},
            "text": {"required": _("Vui lòng nhập nội dung góp ý.")},
        }
        widgets = {"text": forms.Textarea(attrs={"rows": 8})}

    def __init__(self, data=None, *args, consultation, **kwargs):
        super().__init__(data, *args, **kwargs)
        self.fields["organisation"].widget.attrs["autocomplete"] = "organization"
        parts = consultation.part_choices()
        if parts:
            # The draft's own articles or sections; anything else sent is refused (a crafted POST included).
            self.fields["reference"] = forms.ChoiceField(
                label=self.fields["reference"].label,
                required=False,
                choices=[(GENERAL, _("Góp ý chung cho cả dự thảo")), *((part, part) for part in parts)],
                error_messages={"invalid_choice": _("Phần dự thảo đã chọn không có trong dự thảo.")},
            )
        else:
            self.fields["reference"].help_text = _("Ví dụ: Điều 3, khoản 2. Để trống nếu góp ý chung.")

    def clean_organisation(self):
        return normalize_text(self.cleaned_data.get("organisation", ""))

    def clean_reference(self):
        return normalize_text(self.cleaned_data.get("reference", ""))


class CommentModerationForm(ModerationForm):
    """What a moderator writes; the button pressed decides (save, publish, reject)."""

    single_lines = ("public_name", "organisation", "reference")
    multilines = ("public_text", "reject_reason")
    needed_to_publish = {
        "public_name": _("Cần tên khi đăng."),
        "public_text": _("Cần nội dung góp ý đã biên tập để đăng."),
    }

    class Meta:
        model = Comment
        fields = ["public_name", "organisation", "reference", "public_text", "reject_reason"]
        widgets = {
            "public_text": forms.Textarea(attrs={"rows": 8}),
            "reject_reason": forms.Textarea(attrs={"rows": 3}),
        }
