"""bench/documents.py runs end to end on a tiny data set (`--quick`, SQLite): the full run is by hand."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
@pytest.mark.own_databases
def test_the_documents_benchmark_runs_and_measures_what_it_says(tmp_path):
    out = tmp_path / "results.json"
    env = {key: value for key, value in os.environ.items() if key not in ("DATABASE_URL", "MEDIA_ROOT")}
    done = subprocess.run(  # noqa: S603 - our own script
        [sys.executable, "bench/documents.py", "--quick", "--backends", "sqlite", "--json", str(out)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    [result] = json.loads(out.read_text())
    assert result["documents"] == 300  # counted before the import
    assert result["with_pdf"] == 40 and result["extract_files"] == 40
    assert result["extract_pages"] >= 80  # 2-4 pages each
    assert result["imported"] == 10 and result["imported_files"] == 10
    assert result["indexed"] == 300
    assert all(f["count"] >= 0 for f in result["per_filter"])
    spelled = [q for q in result["per_query"] if q["q"] in ("15/QĐ-UBND", "15/QD-UBND", "15 qđ ubnd")]
    assert {q["first"] for q in spelled} == {"Quyết định 15/QĐ-UBND"}
    for key in ("listing_p95_ms", "search_p95_ms", "robots_median_ms", "empty_median_ms", "import_s"):
        assert result[key] > 0
    assert "| sqlite |" in done.stdout
