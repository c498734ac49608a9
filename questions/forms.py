"""The citizen's question form, and the moderator's form for publishing or rejecting it."""

from django import forms
from django.utils.translation import gettext_lazy as _

from intake.forms import CitizenForm
from intake.forms import ModerationForm as IntakeModerationForm
from questions.models import Question, Topic


class QuestionForm(CitizenForm):
    empty_text_message = _("Vui lòng nhập nội dung câu hỏi.")
    long_text_message = _("Câu hỏi dài quá 4.000 ký tự.")

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
        widgets = {"text": forms.Textarea(attrs={"rows": 8})}

    def __init__(self, data=None, *args, site, **kwargs):
        super().__init__(data, *args, **kwargs)
        self.fields["topic"].queryset = Topic.objects.filter(site=site)
        self.fields["topic"].required = True
        self.fields["topic"].empty_label = _("— Chọn chủ đề —")


class ModerationForm(IntakeModerationForm):
    """What a moderator writes; the button pressed decides (save, publish, reject)."""

    single_lines = ("public_title", "answered_by")
    multilines = ("public_question", "answer", "reject_reason")
    needed_to_publish = {
        "public_title": _("Cần tiêu đề khi đăng."),
        "public_question": _("Cần câu hỏi đã biên tập để đăng."),
        "answer": _("Cần câu trả lời."),
        "answered_by": _("Cần ghi đơn vị hoặc người trả lời."),
    }

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
