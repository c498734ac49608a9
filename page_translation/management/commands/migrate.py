"""`migrate`, then the Vietnamese column of each translated `Page` field filled where it is empty.

wagtail-modeltranslation's `migrate` adds `title_vi`, `title_en`, … to `wagtailcore_page` after the migrations
(they are not in Wagtail's migrations); pages that existed before have an empty `title_vi`, which would show as
an empty title. Filling it from `title` here makes a plain `manage.py migrate` enough on an existing portal, and
is a no-op afterwards (only empty values are filled).
"""

import contextlib
import io

from django.core.management import call_command
from wagtail_modeltranslation.management.commands.migrate_translation import Command as TranslationMigrate


class Command(TranslationMigrate):
    def handle(self, *args, **options):
        # modeltranslation's column sync prints its SQL with print(), whatever the verbosity.
        quiet = options.get("verbosity", 1) < 1
        # Its column sync would otherwise ask on stdin before adding them (EOFError without a terminal).
        options["interactive"] = False
        with contextlib.redirect_stdout(io.StringIO()) if quiet else contextlib.nullcontext():
            super().handle(*args, **options)
        call_command("update_translation_fields", "wagtailcore", "page", verbosity=0)
