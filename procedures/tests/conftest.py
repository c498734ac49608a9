"""Procedures made through the real code paths: pages added under the site's section and published."""

import pytest


@pytest.fixture
def make_procedure():
    from procedures.models import ProcedureIndexPage, ProcedurePage

    def make(site, code, name, field="Hộ tịch", *, publish=True, **kw):
        section = ProcedureIndexPage.objects.child_of(site.root_page).get()
        page = ProcedurePage(code=code, title=name, field=field, live=publish, **kw)
        section.add_child(instance=page)
        if publish:
            page.save_revision().publish()
        page.refresh_from_db()
        return page

    return make
