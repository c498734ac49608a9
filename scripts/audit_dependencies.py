#!/usr/bin/env python3
"""Known vulnerabilities in the pinned dependencies, said honestly (run by `make lint`).

pip-audit asks PyPI for each release's advisories. Where PyPI cannot be reached it skips every package and
still reports "No known vulnerabilities found": nothing was checked. This runs it with JSON output and says
what was and was not checked, in Vietnamese. Exit status 1 only when:
- a vulnerability was found; or
- strict (CI=true, or --strict) and the advisory service answered but some package could not be checked.
An install that cannot reach the service at all is reported as not audited and does not fail the build.

Usage: scripts/audit_dependencies.py [--strict] -r requirements/base.txt [more pip-audit arguments]
"""

import json
import os
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

SHOWN = 10  # packages named in a list before "và N gói khác"


@dataclass
class Audit:
    audited: list = field(default_factory=list)  # names of the packages checked
    vulnerable: dict = field(default_factory=dict)  # "name version" -> [advisory lines]
    skipped: dict = field(default_factory=dict)  # name -> reason
    failure: str = ""  # pip-audit gave no report at all

    @property
    def reachable(self):
        """The advisory service answered for at least one package."""
        return bool(self.audited)


def parse(output):
    """An Audit from pip-audit's JSON report (`-f json`); `failure` set when there is no report to read."""
    try:
        report = json.loads(output)
        dependencies = report["dependencies"]
    except (ValueError, TypeError, KeyError):
        return Audit(failure="pip-audit không trả về báo cáo JSON")
    audit = Audit()
    for dependency in dependencies:
        name = dependency.get("name", "?")
        if "skip_reason" in dependency:
            audit.skipped[name] = dependency["skip_reason"]
            continue
        audit.audited.append(name)
        vulns = dependency.get("vulns") or []
        if vulns:
            audit.vulnerable[f"{name} {dependency.get('version', '?')}"] = [_advisory(vuln) for vuln in vulns]
    return audit


def _advisory(vuln):
    names = " / ".join([vuln.get("id", "?"), *vuln.get("aliases", [])])
    fixes = vuln.get("fix_versions") or []
    return f"{names}: " + (f"sửa ở bản {', '.join(fixes)}" if fixes else "chưa có bản sửa")


def _names(names):
    names = sorted(names)
    more = f" và {len(names) - SHOWN} gói khác" if len(names) > SHOWN else ""
    return ", ".join(names[:SHOWN]) + more


def verdict(audit, strict):
    """(lines to print, exit status)."""
    if audit.failure or not audit.reachable:
        why = audit.failure or "không tới được cơ sở dữ liệu lỗ hổng trên PyPI"
        count = len(audit.skipped)
        return [
            f"Kiểm tra lỗ hổng: CHƯA KIỂM TRA ĐƯỢC ({why}"
            + (f"; {count} gói bỏ qua" if count else "")
            + "). Không có nghĩa là không có lỗ hổng; chạy lại `make lint` ở nơi có mạng.",
        ], 0
    lines = []
    total = len(audit.audited) + len(audit.skipped)
    if audit.vulnerable:
        lines.append(f"Kiểm tra lỗ hổng: {len(audit.vulnerable)} gói có lỗ hổng đã biết:")
        for package, advisories in sorted(audit.vulnerable.items()):
            lines += [f"  {package}: {advisory}" for advisory in advisories]
    else:
        lines.append(f"Kiểm tra lỗ hổng: đã kiểm tra {len(audit.audited)}/{total} gói, không thấy lỗ hổng đã biết.")
    if audit.skipped:
        lines.append(f"Chưa kiểm tra được {len(audit.skipped)} gói: {_names(audit.skipped)}.")
        lines += [f"  {name}: {reason}" for name, reason in sorted(audit.skipped.items())[:SHOWN]]
    status = 1 if audit.vulnerable or (strict and audit.skipped) else 0
    if status and not audit.vulnerable:
        lines.append("Lỗi: ở chế độ nghiêm ngặt (CI) mọi gói phải được kiểm tra khi nguồn dữ liệu lỗ hổng trả lời.")
    return lines, status


def is_strict(argv, environ):
    return environ.get("CI", "").lower() == "true" or "--strict" in argv


def main(argv):
    strict = is_strict(argv, os.environ)
    arguments = [argument for argument in argv if argument != "--strict"]
    pip_audit = Path(sys.executable).with_name("pip-audit")
    result = subprocess.run(  # noqa: S603 - our venv's pip-audit, arguments from the Makefile
        [str(pip_audit), "-f", "json", "--progress-spinner", "off", *arguments],
        capture_output=True,
        text=True,
        check=False,
    )
    audit = parse(result.stdout)
    if audit.failure and result.stderr.strip():
        audit.failure += ": " + result.stderr.strip().splitlines()[-1][:300]
    lines, status = verdict(audit, strict)
    print("\n".join(lines))
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
