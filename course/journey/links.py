"""The course's public links: resume, certificate verification, badge documents.

The base address comes from reglages.yaml (`certificate.public_url`); $COURSE_PUBLIC_URL
overrides it, so one content folder can serve a test and a production address.
"""

from __future__ import annotations

import os
from urllib.parse import urlencode

from course.content.models import CourseSettings

FALLBACK_URL = "http://localhost:8501"


def public_url(settings: CourseSettings | None) -> str:
    base = os.environ.get("COURSE_PUBLIC_URL") or (
        settings.certificate.public_url if settings else FALLBACK_URL
    )
    return base.rstrip("/")


def resume_url(settings: CourseSettings | None, code: str) -> str:
    """Opens the learner's record (« Mon parcours ») on any device."""
    return f"{public_url(settings)}/mon-parcours?{urlencode({'reprise': code})}"


def verification_url(settings: CourseSettings | None, code: str) -> str:
    """Where anyone checks a certificate: printed on it and in its QR code."""
    return f"{public_url(settings)}/verification?{urlencode({'code': code})}"


def workshop_url(base: str, code: str) -> str:
    """The join link of a workshop, under the address the room's phones can reach."""
    return f"{base.rstrip('/')}/atelier?{urlencode({'atelier': code})}"
