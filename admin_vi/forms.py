from django.contrib.auth.forms import AuthenticationForm
from wagtail.admin.forms.auth import LoginForm


class VietnameseLoginForm(LoginForm):
    """Wagtail's login form redeclares the password field without a label, so Django shows the English
    field name "Password". Use Django's own (translated) label; not a msgid of ours, so that makemessages
    does not put an untranslated copy of it in the project catalogue."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password"].label = AuthenticationForm.base_fields["password"].label
