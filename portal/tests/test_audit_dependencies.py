"""scripts/audit_dependencies.py: what it concludes from pip-audit's JSON report (shapes written here)."""

import importlib.util
import json
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "audit_dependencies.py"
spec = importlib.util.spec_from_file_location("audit_dependencies", SCRIPT)
audit_dependencies = importlib.util.module_from_spec(spec)
spec.loader.exec_module(audit_dependencies)


def checked(name, version="1.0", vulns=()):
    return {"name": name, "version": version, "vulns": list(vulns)}


def skipped(name, version="1.0"):
    return {"name": name, "skip_reason": f"Dependency not found on PyPI and could not be audited: {name} ({version})"}


ADVISORY = {
    "id": "PYSEC-2099-7",
    "fix_versions": ["2.0.1"],
    "aliases": ["CVE-2099-12345"],
    "description": "Made up for this test.",
}

REPORTS = {
    "offline": ([skipped("alpha"), skipped("beta"), skipped("gamma")], {}),
    "clean": ([checked("alpha"), checked("beta")], {}),
    "vulnerable": ([checked("alpha", "2.0", [ADVISORY]), checked("beta")], {}),
    "one-private-package": ([checked("alpha"), skipped("our-private-wheel")], {}),
    "vulnerable-and-one-skipped": ([checked("alpha", "2.0", [ADVISORY]), skipped("beta")], {}),
}


def conclude(name, strict):
    dependencies, extra = REPORTS[name]
    report = json.dumps({"dependencies": dependencies, "fixes": [], **extra})
    return audit_dependencies.verdict(audit_dependencies.parse(report), strict)


@pytest.mark.parametrize("strict", [False, True], ids=["local", "ci"])
def test_offline_is_not_audited_and_never_fails(strict):
    lines, status = conclude("offline", strict)
    assert status == 0
    assert "CHƯA KIỂM TRA ĐƯỢC" in lines[0] and "3 gói bỏ qua" in lines[0]
    assert not any("không thấy lỗ hổng" in line for line in lines)


@pytest.mark.parametrize("strict", [False, True], ids=["local", "ci"])
def test_a_clean_audit_says_how_much_was_checked(strict):
    lines, status = conclude("clean", strict)
    assert status == 0
    assert lines == ["Kiểm tra lỗ hổng: đã kiểm tra 2/2 gói, không thấy lỗ hổng đã biết."]


@pytest.mark.parametrize("name", ["vulnerable", "vulnerable-and-one-skipped"])
@pytest.mark.parametrize("strict", [False, True], ids=["local", "ci"])
def test_vulnerabilities_fail_everywhere(name, strict):
    lines, status = conclude(name, strict)
    assert status == 1
    text = "\n".join(lines)
    assert "alpha 2.0: PYSEC-2099-7 / CVE-2099-12345: sửa ở bản 2.0.1" in text
    assert "không thấy lỗ hổng" not in text


def test_a_package_left_unchecked_fails_only_in_ci():
    lines, status = conclude("one-private-package", strict=False)
    assert status == 0
    assert "đã kiểm tra 1/2 gói" in lines[0]
    assert "Chưa kiểm tra được 1 gói: our-private-wheel." in lines
    lines, status = conclude("one-private-package", strict=True)
    assert status == 1
    assert lines[-1].startswith("Lỗi: ở chế độ nghiêm ngặt")


@pytest.mark.parametrize("output", ["", "Traceback (most recent call last):", '{"unexpected": []}', "[]"])
def test_no_report_is_not_audited_and_does_not_fail(output):
    lines, status = audit_dependencies.verdict(audit_dependencies.parse(output), strict=True)
    assert status == 0
    assert "CHƯA KIỂM TRA ĐƯỢC (pip-audit không trả về báo cáo JSON" in lines[0]


@pytest.mark.parametrize(
    ("argv", "environ", "strict"),
    [
        ([], {}, False),
        ([], {"CI": "true"}, True),
        ([], {"CI": "false"}, False),
        (["--strict"], {}, True),
    ],
)
def test_strict_in_ci_or_when_asked(argv, environ, strict):
    assert audit_dependencies.is_strict(argv, environ) is strict
