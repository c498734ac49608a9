"""The fields of the "Giới thiệu" pages that have an English version (served under /en/, wardinfo/english.py).

Each gets `<field>_vi` and `<field>_en` (wagtail-modeltranslation); the page's title is translated for every
page type by the app itself, so a unit's English name is its `title_en`.
"""

from modeltranslation.translator import TranslationOptions, register

from wardinfo.models import ContactsPage, IntroPage, LeaderPage, UnitPage


@register(IntroPage)
class IntroPageTranslation(TranslationOptions):
    fields = ("summary",)


@register(UnitPage)
class UnitPageTranslation(TranslationOptions):
    fields = ("functions",)


@register(LeaderPage)
class LeaderPageTranslation(TranslationOptions):
    fields = ("position", "duties", "biography")
    # The Vietnamese position is required, as it was; the English one stays optional.
    required_languages = {"vi": ("position",), "default": ()}


@register(ContactsPage)
class ContactsPageTranslation(TranslationOptions):
    fields = ("intro",)
