"""Password rules on top of Django's: mixed characters, and none of the words attackers try first here."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from wagtail.models import Site

from core.text import fold

CHARACTER_CLASSES = [re.compile(r"[a-zà-ỹđ]"), re.compile(r"[A-ZÀ-ỸĐ]"), re.compile(r"\d"), re.compile(r"[^\w\s]|_")]


class CharacterVarietyValidator:
    """At least three of: lower-case letters, upper-case letters, digits, symbols."""

    def __init__(self, min_classes=3):
        self.min_classes = min_classes

    def validate(self, password, user=None):
        if sum(bool(pattern.search(password)) for pattern in CHARACTER_CLASSES) < self.min_classes:
            raise ValidationError(self.get_help_text(), code="password_too_simple")

    def get_help_text(self):
        return _("Mật khẩu phải có ít nhất %(count)d trong 4 loại: chữ thường, chữ hoa, chữ số, ký hiệu.") % {
            "count": self.min_classes
        }


class PortalWordsValidator:
    """No password built around the portal's own words or the ward's name (guessed first by attackers)."""

    WORDS = ["matkhau", "password", "quantri", "admin", "congthongtin", "ubnd", "qwerty", "123456"]

    def _words(self):
        words = set(self.WORDS)
        for site in Site.objects.only("site_name", "hostname"):
            for value in (site.site_name, site.hostname.split(".")[0]):
                folded = re.sub(r"[^a-z0-9]", "", fold(value or "")).removeprefix("phuong").removeprefix("xa")
                if len(folded) >= 4:
                    words.add(folded)
        return words

    def validate(self, password, user=None):
        folded = re.sub(r"[^a-z0-9]", "", fold(password))
        if any(word in folded for word in self._words()):
            raise ValidationError(self.get_help_text(), code="password_portal_word")

    def get_help_text(self):
        return _(
            "Mật khẩu không được chứa tên phường, xã, tên cổng thông tin hay các từ dễ đoán như “matkhau”, “admin”."
        )
