"""Every page type registered with modeltranslation, after the apps' own `translation.py` modules.

wagtail-modeltranslation translates `Page.title`, `seo_title` and `search_description`; a page type that is not
itself registered keeps modeltranslation's "being constructed" flag after `__init__` (the flag is cleared by a
`post_init` receiver connected per registered class), so `page.title = …` would not reach `title_vi`. Registering
each remaining page type with no fields of its own clears that for them all, future page types included.
"""

from django.apps import apps
from modeltranslation.translator import TranslationOptions, translator
from wagtail.models import Page


class PageTypeOptions(TranslationOptions):
    fields = ()


def _by_depth(model):
    return len(model.__mro__)


registered = set(translator.get_registered_models())
for model in sorted(apps.get_models(), key=_by_depth):
    if issubclass(model, Page) and model not in registered:
        translator.register(model, PageTypeOptions)
