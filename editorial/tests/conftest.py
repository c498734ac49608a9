import pytest
from django.core.management import call_command
from django.utils.translation import trans_real


@pytest.fixture(scope="session")
def compiled_catalogues(django_db_setup):
    """The .mo files are built, never committed: compile them as `make messages` does, then reload."""
    call_command("compilemessages", locale=["vi"], ignore_patterns=[".venv", "*/site-packages/*"], verbosity=0)
    trans_real._translations = {}
    trans_real._default = None
    trans_real._active = trans_real.Local()
    yield
