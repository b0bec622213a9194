"""The certificates of everyone in the group who completed the course, in one zip.

Each certificate is issued once (course/certificates/issuing.py), then the same one with the same code, so
a trainer can download the zip again after the workshop without changing anything.
"""

from __future__ import annotations

from course.certificates.issuing import certificate_data, issue_certificate
from course.results.group import GroupResults, Participant
from course.storage.store import Store


def completed(results: GroupResults) -> list[Participant]:
    """The participants whose progress is complete, by name."""
    return [p for p in results.participants if p.progress.complete]


def certificates_zip(results: GroupResults, store: Store) -> bytes:
    """A zip of the completed participants' certificates (issued now if need be)."""
    from course.certificates.pdf import build_certificates_zip  # fpdf2: imported when first asked

    settings = results.course.settings
    if settings is None:
        raise ValueError("reglages.yaml could not be read")
    items = []
    for participant in completed(results):
        issued = issue_certificate(
            results.course, store, participant.record.learner, participant.progress
        )
        items.append((issued.learner_name, certificate_data(issued, settings)))
    return build_certificates_zip(items)
