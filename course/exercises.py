"""Registry of the interactive exercises a lesson can embed with ```{exercise} id```."""

from __future__ import annotations

# id → French title. Each exercise's pure logic lives in the core and its widgets in views/;
# the course-content issue adds them (tweet composer, gift simulator, network advisor…).
EXERCISES: dict[str, str] = {}
