"""Shared fixtures: the project root and throw-away copies of the test course."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

PROJECT_ROOT = Path(__file__).resolve().parent.parent
FIXTURES = PROJECT_ROOT / "tests" / "fixtures"
VALID_COURSE = FIXTURES / "valid"


@pytest.fixture
def course_copy(tmp_path: Path) -> Callable[..., Path]:
    """Copy the valid test course, optionally overlaid with a broken case, and return its root."""

    def make(overlay: str | None = None) -> Path:
        root = tmp_path / "course"
        shutil.copytree(VALID_COURSE, root)
        if overlay is not None:
            shutil.copytree(FIXTURES / "broken" / overlay, root, dirs_exist_ok=True)
        return root

    return make
