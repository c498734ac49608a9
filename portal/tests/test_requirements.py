"""The pinned requirements install on any machine: no index, wheel-folder or path options of the machine that
compiled them (pip warned 245 times on a fresh machine)."""

from pathlib import Path

import pytest

REQUIREMENTS = sorted((Path(__file__).resolve().parents[2] / "requirements").glob("*.txt"))


@pytest.mark.parametrize("path", REQUIREMENTS, ids=lambda path: path.name)
def test_requirements_name_packages_only(path):
    options = [
        f"{path.name}:{number}: {line}"
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if line.strip().startswith("-") or "file://" in line or line.strip().startswith("/")
    ]
    assert options == []
    assert REQUIREMENTS
