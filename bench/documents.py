"""Documents benchmark: 20,000 official documents (5,000 with a multi-page PDF), SQLite and PostgreSQL.

    nice flock /tmp/bench.lock .venv/bin/python bench/documents.py              # both databases, full size
    nice .venv/bin/python bench/documents.py --backends sqlite --quick          # a tiny run (the test's)

Each database runs in its own process (Django settings are per process) on a fresh database (a temporary
SQLite file; PostgreSQL database `portal_docbench_f`, dropped at the end) and a temporary MEDIA_ROOT:
migrations, one ward site, then

1. the documents inserted in bulk as real DocumentPage rows in the page tree (pages in bulk, not 20,000
   publishes; their derived fields by DocumentPage.derive_fields, as save() fills them), a few hundred
   "replaces"/"amends" relations, and 5,000 PDFs made by documents/pdfgen.py (the demo's PDF writer) stored as
   Wagtail documents;
2. extraction: each PDF read back from storage and its text extracted by documents/extract.py, timed (pages/s);
3. `rebuild_search_index`;
4. `/van-ban/` with two filters and `/api/search/` for realistic queries (numbers in several spellings,
   accent-less phrases), through Django's test client; references measured in the same run: `/robots.txt`
   (routing, middleware, site lookup), the unfiltered `/van-ban/`, and `/api/search/` with an empty query;
5. `manage.py import_documents` of 1,000 more documents, each with its own PDF, timed.
"""

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.search import percentile  # noqa: E402 - after the path is set

PG_ADMIN_URL = "postgres://postgres@127.0.0.1:5432/postgres"
PG_BENCH_DB = "portal_docbench_f"
SEED = 20261206
FULL = {"documents": 20_000, "pdfs": 5_000, "imports": 1_000, "repeats": 9}
QUICK = {"documents": 300, "pdfs": 40, "imports": 10, "repeats": 2}

# (type name, symbol in the number); "Công văn" numbers carry the office instead ("45/UBND-VP").
TYPES = [
    ("Quyết định", "QĐ-UBND", 30),
    ("Kế hoạch", "KH-UBND", 18),
    ("Thông báo", "TB-UBND", 16),
    ("Công văn", "UBND-VP", 14),
    ("Báo cáo", "BC-UBND", 10),
    ("Nghị quyết", "NQ-HĐND", 4),
    ("Chỉ thị", "CT-UBND", 2),
    ("Hướng dẫn", "HD-UBND", 3),
    ("Tờ trình", "TTr-UBND", 3),
]
ISSUERS = [
    ("UBND phường Hồng Gai", 70),
    ("HĐND phường Hồng Gai", 8),
    ("Đảng uỷ phường Hồng Gai", 10),
    ("Công an phường Hồng Gai", 7),
    ("Ban Chỉ huy Quân sự phường Hồng Gai", 5),
]
SUBJECTS = [
    "ban hành kế hoạch phòng chống thiên tai và tìm kiếm cứu nạn",
    "tổ chức tiêm chủng mở rộng cho trẻ em dưới 5 tuổi",
    "giải phóng mặt bằng dự án nâng cấp đường giao thông khu phố",
    "kiện toàn tổ hoà giải ở cơ sở",
    "lịch tiếp công dân định kỳ của lãnh đạo Uỷ ban nhân dân phường",
    "thu phí vệ sinh môi trường và thu gom rác thải sinh hoạt",
    "đăng ký khai sinh, hộ tịch trực tuyến",
    "tuyển chọn và gọi công dân nhập ngũ",
    "phòng cháy chữa cháy tại khu dân cư và hộ kinh doanh",
    "hỗ trợ hộ nghèo, hộ cận nghèo đón Tết",
    "sơ kết công tác an ninh trật tự sáu tháng đầu năm",
    "tổ chức lễ hội truyền thống và các hoạt động văn hoá, thể thao",
    "quản lý trật tự xây dựng đô thị",
    "khen thưởng các tập thể, cá nhân có thành tích trong phong trào thi đua",
]
LISTING_FILTERS = [
    {"loai": "quyet-dinh", "nam": "2024"},
    {"linh-vuc": "dat-dai-xay-dung", "nam": "2025"},
    {"loai": "ke-hoach", "tinh-trang": "con-hieu-luc"},
    {"co-quan": "UBND phường Hồng Gai", "loai": "thong-bao"},
    {"linh-vuc": "phong-chong-thien-tai", "tinh-trang": "het-hieu-luc"},
    {"loai": "cong-van", "q": "giai phong mat bang"},
]
SEARCH_QUERIES = [
    "15/QĐ-UBND",
    "15/QD-UBND",
    "15 qđ ubnd",
    "quyet dinh 120/qd-ubnd",
    "45/UBND-VP",
    "ke hoach phong chong thien tai",
    "kế hoạch phòng chống thiên tai 2025",
    "lich tiep cong dan",
    "tiêm chủng trẻ em",
    "giai phong mat bang",
    "hoà giải",
    "hòa giải ở cơ sở",
    "nghị quyết hđnd",
    "thu gom rac thai",
    "phòng cháy chữa cháy",
    "tuyen quan nhap ngu",
]


def weighted(rng, items):
    """One item (without its weight, the last value) drawn by weight."""
    return rng.choices(items, [item[-1] for item in items])[0][:-1]


# --- generated data (parent process, once for both databases) ----------------------------------------------


def _pdf_pages(generator, rng):
    return [generator.body_paragraphs(paragraphs=6) for _ in range(rng.randint(2, 4))]


def generate(size, folder):
    """documents.jsonl (the bulk set), pdf/*.pdf (its files), import/ (a JSONL file and its PDFs)."""
    from bench.vietnamese import TextGenerator
    from documents.pdfgen import make_pdf

    rng, generator = random.Random(SEED), TextGenerator(seed=SEED)
    folder = Path(folder)
    (folder / "pdf").mkdir()
    (folder / "import").mkdir()
    counters, pages_total = {}, 0
    with_pdf = set(rng.sample(range(size["documents"]), size["pdfs"]))
    with open(folder / "documents.jsonl", "w", encoding="utf-8") as out:
        for n in range(size["documents"]):
            name, symbol = weighted(rng, TYPES)
            year = rng.randint(2015, 2026)
            counters[name, year] = counters.get((name, year), 0) + rng.randint(1, 3)
            issued = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            subject = rng.choice(SUBJECTS)
            summary = f"Về việc {subject} {year}. {generator.lead()}"
            record = {
                "number": f"{counters[name, year]}/{symbol}",
                "type": name,
                "issuer": weighted(rng, ISSUERS)[0],
                "signer": rng.choice(["Nguyễn Văn An", "Trần Thị Bình", "Lê Minh Châu", "Phạm Quốc Dũng"]),
                "issued": issued,
                "field": rng.randrange(7),
                "summary": summary,
                "expires": f"{year + rng.randint(1, 6)}-12-31" if rng.random() < 0.2 else None,
                "pdf": None,
            }
            if n in with_pdf:
                pages = _pdf_pages(generator, rng)
                pages[0].insert(0, f"{name} số {record['number']} về việc {subject}")
                record["pdf"] = f"vb-{n:05d}.pdf"
                (folder / "pdf" / record["pdf"]).write_bytes(make_pdf(pages))
                pages_total += len(pages)
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    with open(folder / "import" / "van-ban.jsonl", "w", encoding="utf-8") as out:
        for n in range(size["imports"]):
            subject = rng.choice(SUBJECTS)
            pdf = f"nhap-{n:04d}.pdf"
            pages = _pdf_pages(generator, rng)
            pages[0].insert(0, f"Công văn số {n + 1}/UBND-NV về việc {subject}")
            (folder / "import" / pdf).write_bytes(make_pdf(pages))
            record = {
                "number": f"{n + 1}/UBND-NV",
                "type": "Công văn",
                "issuer": "UBND phường Hồng Gai",
                "signer": "Nguyễn Văn An",
                "issued": f"2026-{n % 11 + 1:02d}-{n % 28 + 1:02d}",
                "field": "Hành chính",
                "summary": f"Về việc {subject}",
                "files": [pdf],
            }
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return pages_total


# --- the child process: one database ----------------------------------------------------------------------


def _path_step(n):
    alphabet, digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ", ""
    for _ in range(4):
        n, r = divmod(n, 36)
        digits = alphabet[r] + digits
    return digits


def insert_documents(folder):
    """The bulk set as real DocumentPage rows (live, in the tree), their PDFs as Wagtail documents."""
    import datetime
    import hashlib
    import uuid

    from django.contrib.contenttypes.models import ContentType
    from django.core.files.storage import default_storage
    from django.db import transaction
    from django.utils import timezone
    from wagtail.documents.models import Document
    from wagtail.models import Page

    from documents.models import (
        DocumentField,
        DocumentIndexPage,
        DocumentPage,
        DocumentRelation,
        DocumentType,
        document_slug,
    )
    from documents.status import refresh_acted_on
    from editorial.roles import site_collection
    from wards.sites import ensure_ward_site

    site = ensure_ward_site("localhost", "Phường Hồng Gai", is_default=True, province="Tỉnh Quảng Ninh")
    section = DocumentIndexPage.objects.child_of(site.root_page).get()
    types = {t.name: t for t in DocumentType.objects.filter(site=site)}
    fields = list(DocumentField.objects.filter(site=site).order_by("sort_order"))
    collection = site_collection(site)
    content_type = ContentType.objects.get_for_model(DocumentPage)
    local_fields = list(DocumentPage._meta.local_concrete_fields)
    now = timezone.now()
    rng = random.Random(SEED)
    with open(Path(folder) / "documents.jsonl", encoding="utf-8") as source:
        records = [json.loads(line) for line in source]
    pdf_files = []  # (page id, Document)

    def flush(batch):
        with transaction.atomic():
            pages = Page.objects.bulk_create([Page(**page_values) for page_values, _, _ in batch])
            documents = []
            for page, (_, document, _) in zip(pages, batch, strict=True):
                document.page_ptr_id = page.pk
                document.pk = page.pk
                documents.append(document)
            DocumentPage._base_manager._insert(documents, fields=local_fields, raw=True, using="default")
            stored = [(page.pk, pdf) for page, (_, _, pdf) in zip(pages, batch, strict=True) if pdf]
            if stored:
                made = Document.objects.bulk_create([item for _, item in stored])
                pdf_files.extend((page_id, item) for (page_id, _), item in zip(stored, made, strict=True))
        batch.clear()

    batch = []
    for n, record in enumerate(records, start=1):
        issued = datetime.date.fromisoformat(record["issued"])
        page = DocumentPage(
            number=record["number"],
            doc_type=types[record["type"]],
            doc_field=fields[record["field"]],
            issuer=record["issuer"],
            signer=record["signer"],
            issued=issued,
            expires=datetime.date.fromisoformat(record["expires"]) if record["expires"] else None,
            summary=record["summary"],
        )
        page.derive_fields(page_texts=[])  # the files' text comes with the extraction step
        slug = f"{document_slug(page.doc_type, page.number, issued)}-{n}"
        published = now - datetime.timedelta(minutes=n)
        page_values = {
            "title": page.title,
            "draft_title": page.title,
            "slug": slug,
            "path": section.path + _path_step(n),
            "depth": section.depth + 1,
            "numchild": 0,
            "url_path": f"{section.url_path}{slug}/",
            "content_type": content_type,
            "live": True,
            "has_unpublished_changes": False,
            "first_published_at": published,
            "last_published_at": published,
            "locale_id": section.locale_id,
            "translation_key": uuid.uuid4(),
        }
        pdf = None
        if record["pdf"]:
            data = (Path(folder) / "pdf" / record["pdf"]).read_bytes()
            name = default_storage.save(f"documents/{record['pdf']}", _content(data))
            pdf = Document(
                title=record["pdf"][:-4],
                file=name,
                collection=collection,
                file_size=len(data),
                file_hash=hashlib.sha1(data).hexdigest(),  # noqa: S324 - Wagtail's file_hash
            )
        batch.append((page_values, page, pdf))
        if len(batch) >= 1000:
            flush(batch)
    if batch:
        flush(batch)
    Page.objects.filter(pk=section.pk).update(numchild=len(records))
    # Some documents replace or amend an older one of the same type (status "hết hiệu lực" on the listing).
    ids = list(DocumentPage.objects.order_by("issued").values_list("pk", flat=True))
    relations = []
    for _ in range(len(ids) // 40):
        older, newer = sorted(rng.sample(range(len(ids)), 2))
        relations.append(
            DocumentRelation(source_id=ids[newer], target_id=ids[older], kind=rng.choice(["replaces", "amends"]))
        )
    DocumentRelation.objects.bulk_create(relations)
    # What saving the replacing or amending documents would store on the documents they act on.
    refresh_acted_on([relation.target_id for relation in relations])
    return section, pdf_files


def _content(data):
    from django.core.files.base import ContentFile

    return ContentFile(data)


def extract_all(pdf_files):
    """Each stored PDF read back and its text extracted as on a save; the text goes to DocumentFile rows and
    the document's file_text. Returns (pages, files, wall seconds, CPU seconds) of the extraction alone."""
    from django.db import transaction

    from documents.extract import extract
    from documents.models import DocumentFile, DocumentPage

    pages = wall = cpu = 0.0
    rows, texts = [], {}
    for page_id, stored in pdf_files:
        with stored.open_file() as handle:
            data = handle.read()
        w0, c0 = time.perf_counter(), time.process_time()
        found = extract(data, "pdf")
        wall += time.perf_counter() - w0
        cpu += time.process_time() - c0
        assert found.readable and not found.scanned, stored.file.name
        pages += found.page_count
        rows.append(
            DocumentFile(
                page_id=page_id,
                document=stored,
                sort_order=0,
                page_count=found.page_count,
                page_texts=found.pages,
                read_hash=stored.file_hash,
                text_note="Có lớp chữ: tìm kiếm đọc được nội dung tệp.",
            )
        )
        texts[page_id] = "\n".join(found.pages)
    with transaction.atomic():
        DocumentFile.objects.bulk_create(rows, batch_size=500)
        for page_id, text in texts.items():
            DocumentPage.objects.filter(pk=page_id).update(file_text=text)
    return int(pages), len(pdf_files), wall, cpu


def child(backend, folder, size):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from documents.models import DocumentFile, DocumentPage
    from search.models import SearchEntry

    result = {"backend": backend, "load_average_start": os.getloadavg()[0]}
    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    section, pdf_files = insert_documents(folder)
    result["insert_s"] = time.perf_counter() - started
    pages, files, wall, cpu = extract_all(pdf_files)
    result.update(extract_pages=pages, extract_files=files, extract_wall_s=wall, extract_cpu_s=cpu)
    started = time.perf_counter()
    call_command("rebuild_search_index", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
    result["index_build_s"] = time.perf_counter() - started
    result["documents"] = DocumentPage.objects.live().count()
    result["with_pdf"] = DocumentFile.objects.values("page_id").distinct().count()
    result["indexed"] = SearchEntry.objects.count()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")

    client = Client(HTTP_HOST="localhost")
    repeats = size["repeats"]

    cpu = {}  # CPU milliseconds of this process per request, by URL (on SQLite all of a request's work)

    def timed(url, params, times_):
        out, counts = [], None
        for _ in range(times_):
            t0, c0 = time.perf_counter(), time.process_time()
            response = client.get(url, params)
            out.append((time.perf_counter() - t0) * 1000)
            cpu.setdefault(url, []).append((time.process_time() - c0) * 1000)
            assert response.status_code == 200, (url, params, response.status_code, response.content[:300])
            if url.startswith("/api/"):
                data = response.json()
                counts = (data["count"], data["results"][0]["title"] if data["results"] else "")
        return out, counts

    def listed(params):
        """How many documents the listing shows for `params` (outside the timing); every filter must apply."""
        from django.test import RequestFactory

        from documents.listing import listing_context

        context = listing_context(section, RequestFactory(HTTP_HOST="localhost").get("/van-ban/", params))
        assert not context["filter_notes"], context["filter_notes"]
        return context["page_obj"].paginator.count

    result["load_average_queries"] = os.getloadavg()[0]
    # Served from the full-page cache, a listing costs a cache lookup; the first reader of a filter combination
    # waits for the real render, which is what the target is about: the page cache is off for those timings.
    hot = []
    for params in LISTING_FILTERS:
        hot += timed("/van-ban/", params, repeats + 1)[0][1:]
    result["hot_median_ms"] = statistics.median(hot)
    settings.PORTAL_PAGE_CACHE_SECONDS = 0
    for params in LISTING_FILTERS:  # warm the database's and Django's caches once
        timed("/van-ban/", params, 1)
    cpu.clear()
    listing, per_filter = [], []
    for params in LISTING_FILTERS:
        times, _ = timed("/van-ban/", params, repeats)
        listing += times
        per_filter.append({"params": params, "count": listed(params), "median_ms": statistics.median(times)})
    listing_cpu = list(cpu.pop("/van-ban/"))
    unfiltered, _ = timed("/van-ban/", {}, repeats * 3)
    robots, _ = timed("/robots.txt", {}, repeats * 6)
    for query in SEARCH_QUERIES:
        timed("/api/search/", {"q": query}, 1)
    cpu.clear()
    searches, per_query = [], []
    for query in SEARCH_QUERIES:
        times, (count, first) = timed("/api/search/", {"q": query}, repeats)
        searches += times
        per_query.append({"q": query, "count": count, "first": first, "median_ms": statistics.median(times)})
    search_cpu = list(cpu.pop("/api/search/"))
    empty, _ = timed("/api/search/", {"q": ""}, repeats * 6)
    settings.PORTAL_PAGE_CACHE_SECONDS = 120
    result.update(
        listing_median_ms=statistics.median(listing),
        listing_p95_ms=percentile(listing, 0.95),
        unfiltered_median_ms=statistics.median(unfiltered),
        unfiltered_p95_ms=percentile(unfiltered, 0.95),
        robots_median_ms=statistics.median(robots),
        robots_p95_ms=percentile(robots, 0.95),
        search_median_ms=statistics.median(searches),
        search_p95_ms=percentile(searches, 0.95),
        empty_median_ms=statistics.median(empty),
        empty_p95_ms=percentile(empty, 0.95),
        listing_cpu_median_ms=statistics.median(listing_cpu),
        listing_cpu_p95_ms=percentile(listing_cpu, 0.95),
        search_cpu_median_ms=statistics.median(search_cpu),
        search_cpu_p95_ms=percentile(search_cpu, 0.95),
        per_filter=per_filter,
        per_query=per_query,
    )

    measure_import(folder, result)
    print("RESULT " + json.dumps(result, ensure_ascii=False), flush=True)


def measure_import(folder, result):
    """`manage.py import_documents` of the import set, timed (wall and this process's CPU)."""
    from django.core.management import call_command

    from documents.models import DocumentFile, DocumentPage

    result["load_average_import"] = os.getloadavg()[0]
    import_file = Path(folder) / "import" / "van-ban.jsonl"
    before = DocumentPage.objects.count()
    w0, c0 = time.perf_counter(), time.process_time()
    call_command("import_documents", str(import_file), "--site", "localhost", stdout=open(os.devnull, "w"))  # noqa: SIM115
    result["import_s"] = time.perf_counter() - w0
    result["import_cpu_s"] = time.process_time() - c0
    result["imported"] = DocumentPage.objects.count() - before
    result["imported_files"] = DocumentFile.objects.filter(page__number__endswith="/UBND-NV").count()
    result["load_average_end"] = os.getloadavg()[0]


def child_import_only(backend, folder):
    """--import-only: the bulk set (its PDFs stored, not read) and the search index, then the import alone."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")
    import django

    django.setup()
    from django.core.management import call_command

    result = {"backend": backend}
    call_command("migrate", verbosity=0)
    insert_documents(folder)
    call_command("rebuild_search_index", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
    measure_import(folder, result)
    print("RESULT " + json.dumps(result, ensure_ascii=False), flush=True)


# --- parent: orchestration and report --------------------------------------------------------------------


def run_backend(backend, folder, quick, import_only=False):
    env = dict(os.environ, DJANGO_SETTINGS_MODULE="portal.settings.test")
    media = tempfile.mkdtemp(prefix="docbench-media-")
    env["MEDIA_ROOT"] = media
    if backend == "sqlite":
        env["DATABASE_URL"] = f"sqlite:///{media}/bench.sqlite3"
    else:
        import psycopg

        with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {PG_BENCH_DB}")
            conn.execute(f"CREATE DATABASE {PG_BENCH_DB}")
        env["DATABASE_URL"] = PG_ADMIN_URL.rsplit("/", 1)[0] + "/" + PG_BENCH_DB
    command = [sys.executable, __file__, "--child", backend, "--folder", str(folder)]
    try:
        command += (["--quick"] if quick else []) + (["--import-only"] if import_only else [])
        output = subprocess.run(command, env=env, capture_output=True, text=True)
        lines = [line for line in output.stdout.splitlines() if line.startswith("RESULT ")]
        if output.returncode or not lines:
            sys.stderr.write(output.stdout[-5000:] + output.stderr[-5000:])
            raise SystemExit(f"{backend}: benchmark process failed")
        return json.loads(lines[-1][len("RESULT ") :])
    finally:
        import shutil

        shutil.rmtree(media, ignore_errors=True)
        if backend != "sqlite":
            import psycopg

            with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
                conn.execute(f"DROP DATABASE IF EXISTS {PG_BENCH_DB}")


def _filters(params):
    return " + ".join(f"`{key}={value}`" for key, value in params.items())


def _per_item(results, key, what, counted, labels, first=False):
    """A table of one line per filter pair or query: each database's count and median (and the first result)."""
    header = f"| {what} | " + " | ".join(f"{r['backend']} {counted} | {r['backend']} median" for r in results)
    lines = ["", header + (" | first result |" if first else " |")]
    lines.append("|---" * (1 + 2 * len(results) + first) + "|")
    for i, label in enumerate(labels):
        cells = []
        for r in results:
            item = r[key][i]
            cells += [f"{item['count']:,}", f"{item['median_ms']:.1f} ms"]
        tail = f" | {results[0][key][i]['first']} |" if first else " |"
        lines.append(f"| {label} | " + " | ".join(cells) + tail)
    return lines


def report(results, size, generated_pages, generate_s):
    lines = [
        f"Documents: {size['documents']:,}, of which {size['pdfs']:,} with a PDF ({generated_pages:,} pages, "
        f"generated in {generate_s:.0f} s); import: {size['imports']:,} documents with one PDF each. "
        f"{size['repeats']} timed requests per filter pair and per query.",
        "",
        "| database | insert | extraction (pages, pages/s wall / CPU) | index build | `/van-ban/` two filters "
        "median / p95 | same, from the page cache, median | unfiltered `/van-ban/` median / p95 | "
        "`/robots.txt` median / p95 | `/api/search/` median / p95 "
        f"| empty query median / p95 | import {size['imports']:,} (wall / CPU) "
        "| load average start / queries / import / end |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        lines.append(
            f"| {r['backend']} | {r['insert_s']:.0f} s | {r['extract_pages']:,} pages, "
            f"{r['extract_pages'] / r['extract_wall_s']:.0f} / {r['extract_pages'] / r['extract_cpu_s']:.0f} | "
            f"{r['index_build_s']:.0f} s | {r['listing_median_ms']:.1f} / **{r['listing_p95_ms']:.1f} ms** | "
            f"{r['hot_median_ms']:.1f} ms | "
            f"{r['unfiltered_median_ms']:.1f} / {r['unfiltered_p95_ms']:.1f} ms | "
            f"{r['robots_median_ms']:.1f} / {r['robots_p95_ms']:.1f} ms | "
            f"{r['search_median_ms']:.1f} / **{r['search_p95_ms']:.1f} ms** | "
            f"{r['empty_median_ms']:.1f} / {r['empty_p95_ms']:.1f} ms | "
            f"**{r['import_s']:.0f} s** / {r['import_cpu_s']:.0f} s ({r['imported']:,} documents, "
            f"{r['imported_files']:,} files) | {r['load_average_start']:.1f} / {r['load_average_queries']:.1f} / "
            f"{r['load_average_import']:.1f} / {r['load_average_end']:.1f} |"
        )
    for r in results:
        lines.append(
            f"\n{r['backend']}: CPU time of the benchmark process per request (on SQLite all of its work, on "
            f"PostgreSQL without the database server's): `/van-ban/` two filters {r['listing_cpu_median_ms']:.1f} / "
            f"{r['listing_cpu_p95_ms']:.1f} ms, `/api/search/` {r['search_cpu_median_ms']:.1f} / "
            f"{r['search_cpu_p95_ms']:.1f} ms (median / p95)."
        )
    lines += _per_item(results, "per_filter", "filters", "rows", [_filters(p) for p in LISTING_FILTERS])
    lines += _per_item(results, "per_query", "query", "hits", [f"`{q}`" for q in SEARCH_QUERIES], first=True)
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backends", default="sqlite,postgres")
    parser.add_argument("--quick", action="store_true", help="a tiny run: checks the benchmark works")
    parser.add_argument("--child")
    parser.add_argument("--folder")
    parser.add_argument("--json", help="also write the raw results to this file")
    parser.add_argument("--import-only", action="store_true", help="measure import_documents alone")
    args = parser.parse_args()
    size = QUICK if args.quick else FULL
    if args.child:
        if args.import_only:
            child_import_only(args.child, args.folder)
        else:
            child(args.child, args.folder, size)
        return
    with tempfile.TemporaryDirectory(prefix="docbench-") as folder:
        started = time.perf_counter()
        generated_pages = generate(size, folder)
        generate_s = time.perf_counter() - started
        results = []
        for backend in args.backends.split(","):
            print(f"… {backend}", file=sys.stderr, flush=True)
            results.append(run_backend(backend.strip(), folder, args.quick, args.import_only))
            if args.json:  # kept as each database finishes
                Path(args.json).write_text(json.dumps(results, ensure_ascii=False, indent=1))
    if args.import_only:
        for r in results:
            print(
                f"{r['backend']}: import_documents of {r['imported']:,} documents ({r['imported_files']:,} files) "
                f"{r['import_s']:.0f} s wall, {r['import_cpu_s']:.0f} s CPU; load average "
                f"{r['load_average_import']:.1f} → {r['load_average_end']:.1f}"
            )
        return
    print(report(results, size, generated_pages, generate_s))


if __name__ == "__main__":
    main()
