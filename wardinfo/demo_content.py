"""load_demo_content's hook: the demo wards' "Giới thiệu" content, loaded with the rest of the demo so the
apps after this one (the schedule's chairs) find the demo leaders."""

import io

from django.core.management import call_command


def load(sites):
    out = io.StringIO()
    call_command("load_ward_intro_demo", stdout=out)
    return out.getvalue().strip()
