"""The demo wards' catalogue of procedures (load_demo_content calls load): our own writing, read through the
same file reader and loader as import_procedures. Its codes start with MAU (mẫu) and its links go to the
national portal's home page, so nothing passes for a real ward's catalogue."""

from pathlib import Path

from django.utils.translation import gettext as _

from procedures.catalogue import read_catalogue
from procedures.importing import ProcedureLoader

CATALOGUE = Path(__file__).resolve().parent / "demo" / "thu-tuc-mau.json"


def load(sites):
    entries = read_catalogue(CATALOGUE.read_bytes())
    created = 0
    for site in sites.values():
        report = ProcedureLoader(site).load(entry.item for entry in entries)
        if not report.ok:
            raise RuntimeError(f"{site.hostname}: {report.errors}")
        created += report.created
    return _("Thủ tục hành chính mẫu: %(count)d thủ tục mỗi phường (%(created)d mới).") % {
        "count": len(entries),
        "created": created,
    }
