"""The rating form: the same unbound form on every public page (cached as it is), bound on the answer to a
POST that needs correcting."""

import unicodedata

from django import forms
from django.utils.translation import gettext_lazy as _

from core.text import normalize_text, remove_controls
from ratings.models import Score

MAX_COMMENT = 1000
MAX_PATH = 255


def valid_path(path):
    """A page's path as the page wrote it into its form: absolute, on this site, printable."""
    return (
        isinstance(path, str)
        and path.startswith("/")
        and not path.startswith("//")
        and "\\" not in path
        and len(path) <= MAX_PATH
        and not any(unicodedata.category(char) in ("Cc", "Cs") for char in path)
    )


class RatingForm(forms.Form):
    path = forms.CharField(widget=forms.HiddenInput, max_length=MAX_PATH)
    score = forms.TypedChoiceField(
        label=_("Thông tin này có hữu ích không?"),
        choices=Score.choices,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Vui lòng chọn một mức từ 1 đến 5."),
            "invalid_choice": _("Vui lòng chọn một mức từ 1 đến 5."),
        },
    )
    comment = forms.CharField(
        label=_("Góp ý thêm (không bắt buộc)"),
        help_text=_(
            "Chỉ cán bộ phường đọc, không đăng công khai. Không cần ghi thông tin cá nhân. Tối đa 1.000 ký tự."
        ),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": MAX_COMMENT}),
    )

    def __init__(self, data=None, *args, **kwargs):
        if data is not None:
            # Controls (a NUL among them) are removed, not refused: Django's own refusal would be in English.
            data = data.copy()
            for name in ("score", "comment"):
                if name in data:
                    data[name] = remove_controls(data[name])
        super().__init__(data, *args, **kwargs)

    def clean_path(self):
        path = self.cleaned_data["path"]
        if not valid_path(path):
            raise forms.ValidationError(_("Không rõ trang được đánh giá."))
        return path

    def clean_comment(self):
        text = normalize_text(self.cleaned_data.get("comment", ""), multiline=True)
        if len(text) > MAX_COMMENT:
            raise forms.ValidationError(_("Góp ý dài quá 1.000 ký tự. Vui lòng rút gọn."))
        return text
