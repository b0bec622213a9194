"""What a run measures and where: the plan (quick or full), the files, the fixed figures."""

from __future__ import annotations

from dataclasses import dataclass

from tools.streamlit_server import PROJECT_ROOT

RESULTS = PROJECT_ROOT / "bench" / "RESULTS.md"
APP = PROJECT_ROOT / "app.py"
HELLO = PROJECT_ROOT / "bench" / "hello_app.py"
SKELETON = PROJECT_ROOT / "bench" / "skeleton_app.py"
PROFILED = PROJECT_ROOT / "bench" / "profiled_app.py"
PASSWORD = "Banc-d-essai-formateur-2026"
GLOSSARY_QUERY = "abonné"
TEXT_LESSON = "bases"  # module 1: text, callouts, a few images
CHART_LESSON = "chiffres"  # module 3: Plotly charts and their tables
BURST_SESSIONS = 50
WORKSHOP_MEMBERS = 30
LIVE_ANSWERS = 20
NOT_APPLICABLE = "sans objet"
PAUSE = 0.1  # seconds between two reruns of one session (see the docstring)
PROFILE_LINES = 45


@dataclass(frozen=True)
class Plan:
    """How many times each thing is measured."""

    reruns: int
    burst_rounds: int
    cold_starts: int
    batch_repeats: int
    profile_runs: int
    phone_rounds: int  # live questions launched to the phones


QUICK = Plan(
    reruns=15, burst_rounds=3, cold_starts=2, batch_repeats=1, profile_runs=8, phone_rounds=3
)
FULL = Plan(
    reruns=100, burst_rounds=10, cold_starts=7, batch_repeats=3, profile_runs=30, phone_rounds=8
)
