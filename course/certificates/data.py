"""What a certificate prints, apart from the PDF drawing (course/certificates/pdf.py), so that code
issuing certificates does not import fpdf2 and fontTools before a PDF is asked for."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class CertificateData:
    """What a certificate prints; `percent` is out of 100 (87.0 prints « 87 % »)."""

    learner_name: str
    course_title: str
    completed_on: date
    percent: float
    modules: Sequence[str]
    organisation: str
    signatory_name: str
    signatory_role: str
    verification_code: str
    verification_url: str

    def __post_init__(self) -> None:
        object.__setattr__(self, "modules", tuple(self.modules))
