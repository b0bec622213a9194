"""Issuing a certificate, the same way from the app (« Mon parcours ») and the command line.

A learner's progress is read from the store, the certificate is issued once (then the same code
every time), and what the PDF prints is built from the issued certificate and reglages.yaml.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime

from course.certificates.data import CertificateData
from course.content.course import Course
from course.content.models import CourseSettings
from course.formatting import DISPLAY_TIMEZONE
from course.journey.links import verification_url
from course.journey.progress import Progress, learner_progress
from course.storage.attempts import FinishedAttempt
from course.storage.certificates import Certificate
from course.storage.learners import Learner
from course.storage.store import Store


def local_day(moment: datetime) -> date:
    """The day a moment falls on in French time (a certificate issued at 23:30 UTC in summer
    is dated the next day)."""
    return moment.astimezone(DISPLAY_TIMEZONE).date()


def stored_progress(course: Course, store: Store, learner_id: str) -> Progress:
    """A learner's progress from their module visits and finished attempts in the store."""
    finished: dict[str, list[FinishedAttempt]] = defaultdict(list)
    for attempt in store.attempts.finished(learner_id):
        finished[attempt.quiz_id].append(attempt)
    return learner_progress(course, store.learners.visits(learner_id), finished)


def issue_certificate(
    course: Course, store: Store, learner: Learner, progress: Progress
) -> Certificate:
    """The certificate of a learner whose progress is complete: issued on the first call with
    the course title, the score and the module titles, then the same one (same code)."""
    if not progress.complete:
        raise ValueError("the course is not complete: " + "; ".join(progress.missing))
    if course.info is None:
        raise ValueError("course.yaml could not be read")
    titles = [module.title for module in progress.modules]
    return store.certificates.issue(learner, course.info.title, progress.score, titles)


def certificate_data(issued: Certificate, settings: CourseSettings) -> CertificateData:
    """What the PDF prints: the issued certificate, dated in French time, with the issuer and
    the verification link from reglages.yaml ($COURSE_PUBLIC_URL overrides its address)."""
    return CertificateData(
        learner_name=issued.learner_name,
        course_title=issued.course_title,
        completed_on=local_day(issued.issued_at),
        percent=issued.percent,
        modules=list(issued.modules),
        organisation=settings.certificate.organisation,
        signatory_name=settings.certificate.signatory_name,
        signatory_role=settings.certificate.signatory_role,
        verification_code=issued.code,
        verification_url=verification_url(settings, issued.code),
    )
