from django.utils.translation import gettext_lazy
from wagtail.admin.forms.auth import LoginForm


class VietnameseLoginForm(LoginForm):
    """Wagtail's login form redeclares the password field without a label, so Django shows the English
    field name "Password"; give it the catalogue's label instead."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password"].label = gettext_lazy("Password")
