"""Every page type registered with modeltranslation, after the apps' own `translation.py` modules.

wagtail-modeltranslation translates `Page.title`, `seo_title` and `search_description`; a page type that is not
itself registered keeps modeltranslation's "being constructed" flag after `__init__` (the flag is cleared by a
`post_init` receiver connected per registered class), so `page.title = …` would not reach `title_vi`. Registering
each remaining page type with no fields of its own clears that for them all, future page types included.

Those page types have no English version, so they keep Wagtail's own editor (one title field, which writes
`title_vi`: core/forms.py) rather than "[vi]"/"[en]" inputs an editor would fill for nothing: they are marked as
already patched, which wagtail-modeltranslation checks before redrawing a model's panels.
"""

from django.apps import apps
from modeltranslation.translator import TranslationOptions, translator
from wagtail.models import Page
from wagtail_modeltranslation.patch_wagtailadmin import WagtailTranslator


class PageTypeOptions(TranslationOptions):
    fields = ()


def _by_depth(model):
    return len(model.__mro__)


registered = set(translator.get_registered_models())
for model in sorted(apps.get_models(), key=_by_depth):
    if issubclass(model, Page) and model not in registered:
        translator.register(model, PageTypeOptions)
        WagtailTranslator._patched_models.append(model)
