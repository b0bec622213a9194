"""The order the test files go out to the xdist workers (tests/helpers.run_longest_files_first):
the folders in their order, and within one the files the last run did not time first, then the
longest first; a file's tests stay together and in their order."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

from tests.helpers import PROJECT_ROOT, run_longest_files_first


@dataclass
class Collected:
    """What the ordering reads of a collected test: its file and its id."""

    nodeid: str

    @property
    def path(self) -> Path:
        return PROJECT_ROOT / self.nodeid.split("::")[0]


def ordered(nodeids: list[str], seconds: dict[str, float]) -> list[str]:
    items = [Collected(nodeid) for nodeid in nodeids]
    run_longest_files_first(cast(Any, items), seconds)
    return [item.nodeid for item in items]


COLLECTED = [
    "tests/unit/test_a.py::test_1",
    "tests/unit/test_b.py::test_1",
    "tests/unit/test_b.py::test_2",
    "tests/app/test_c.py::test_1",
    "tests/e2e/test_d.py::test_1",
    "tests/e2e/test_e.py::test_1",
    "tests/unit/test_f.py::test_1",
]


def test_without_timings_the_browser_goes_first_and_files_with_most_tests_lead() -> None:
    assert ordered(COLLECTED, {}) == [
        "tests/e2e/test_d.py::test_1",
        "tests/e2e/test_e.py::test_1",
        "tests/app/test_c.py::test_1",
        "tests/unit/test_b.py::test_1",
        "tests/unit/test_b.py::test_2",
        "tests/unit/test_a.py::test_1",
        "tests/unit/test_f.py::test_1",
    ]


def test_timed_files_go_longest_first_within_their_folder_after_the_untimed() -> None:
    seconds = {
        "tests/e2e/test_d.py": 3.0,
        "tests/e2e/test_e.py": 40.0,
        "tests/unit/test_a.py": 9.0,
        "tests/unit/test_b.py": 0.5,
        "tests/app/test_c.py": 100.0,  # longer than any unit file: the folders still lead
    }
    assert ordered(COLLECTED, seconds) == [
        "tests/e2e/test_e.py::test_1",
        "tests/e2e/test_d.py::test_1",
        "tests/app/test_c.py::test_1",
        "tests/unit/test_f.py::test_1",  # new since the last run: its time unknown
        "tests/unit/test_a.py::test_1",
        "tests/unit/test_b.py::test_1",
        "tests/unit/test_b.py::test_2",
    ]
