"""A certificate's PDF built once and kept in the database, built again only when what it prints
(or the code that draws it) changes: downloading it a hundred times costs one build.

The fingerprint covers every field of CertificateData (name, title, date, score, modules,
issuer, verification link: a new $COURSE_PUBLIC_URL changes it) and the drawing code's version
(pdf.py, fonts.py and fpdf2's release). The kept PDF goes with its certificate (erasure,
retention purge: the table cascades).
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
from importlib.metadata import version
from pathlib import Path

from course.certificates.data import CertificateData
from course.storage.store import Store

_DRAWING = ("pdf.py", "fonts.py")


@functools.cache
def _drawing_version() -> bytes:
    """A digest of the code that draws certificates, read once per process."""
    digest = hashlib.sha256(version("fpdf2").encode())
    for name in _DRAWING:
        digest.update((Path(__file__).with_name(name)).read_bytes())
    return digest.digest()


def pdf_fingerprint(data: CertificateData) -> str:
    """A digest of what the PDF prints and of the code that draws it."""
    printed = json.dumps(dataclasses.asdict(data), sort_keys=True, default=str).encode()
    return hashlib.sha256(_drawing_version() + printed).hexdigest()


def certificate_pdf(store: Store, data: CertificateData) -> bytes:
    """The certificate's PDF: the kept one when it prints the same, else built and kept."""
    fingerprint = pdf_fingerprint(data)
    kept = store.certificates.pdf(data.verification_code, fingerprint)
    if kept is not None:
        return kept
    # fpdf2 and fontTools are imported when a PDF is first built, not when the app starts.
    from course.certificates.pdf import build_certificate_pdf

    built = build_certificate_pdf(data)
    store.certificates.keep_pdf(data.verification_code, fingerprint, built)
    return built
