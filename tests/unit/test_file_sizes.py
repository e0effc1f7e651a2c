"""Small files with one role each: no file of the package grows past 300 lines (one that does
splits by role, as questionnaires/archives.py left services.py)."""

from pathlib import Path

import pytest

pytestmark = pytest.mark.engine_independent

PACKAGE = Path(__file__).resolve().parents[2] / "tracker"
MAX_LINES = 300


def test_no_file_of_the_package_is_over_300_lines():
    too_long = {str(path.relative_to(PACKAGE)): lines
                for path in PACKAGE.rglob("*.py")
                if (lines := len(path.read_text().splitlines())) > MAX_LINES}
    assert too_long == {}
