"""Time to build certificate PDFs: one, then a zip of 100, with Latin and with other names.

Run from the project folder: .venv/bin/python -m bench.certificates [--count 100]
Each row is measured in this process, in the order shown: the first certificate of a script pays
for the one-off cut of DejaVu to that script (and the first of all for the imports' warm-up); the
zip of mixed names then finds its cuts made. « sans les coupes de DejaVu » builds the Latin zip
with the full fonts, as fpdf2 would without the cuts. Prints a Markdown table
and writes it to bench/RESULTS-certificates.md with the machine and date.
"""

from __future__ import annotations

import argparse
import os
import platform
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from unittest import mock

from course.certificates import fonts as certificate_fonts
from course.certificates.pdf import CertificateData, build_certificate_pdf, build_certificates_zip
from course.codes import new_code

RESULTS = Path(__file__).resolve().parent / "RESULTS-certificates.md"
SAMPLE = CertificateData(
    learner_name="Éloïse O’Brien-Dupont",
    course_title="Formation aux réseaux sociaux",
    completed_on=date(2026, 11, 23),
    percent=87.0,
    modules=[f"Module {n}\u202f: les réseaux sociaux pour les associations" for n in range(1, 12)],
    organisation="Maison des associations de Lyon",
    signatory_name="Camille Durand",
    signatory_role="Responsable de la formation",
    verification_code="K7QF-29XM",
    verification_url="https://formation.example.org/?page=verifier&code=K7QF-29XM",
)
SCRIPT_SAMPLES = {
    "grec": "Ελένη Παπαδοπούλου",
    "cyrillique": "Иван Петров",
    "arabe": "محمد بن سلمان",
    "hébreu": "שלום עליכם",
    "chinois": "王小明",
}
OTHER_NAMES = list(SCRIPT_SAMPLES.values())


def learners(count: int, other_every: int = 0) -> list[tuple[str, CertificateData]]:
    """`count` certificates, one name in `other_every` from a non-Latin script (0: none)."""
    items = []
    for number in range(count):
        name = f"Élève n°\u00a0{number} Dupont-Lefèvre"
        if other_every and number % other_every == 0:
            name = OTHER_NAMES[number // other_every % len(OTHER_NAMES)]
        code = new_code()
        url = f"https://formation.example.org/?page=verifier&code={code}"
        items.append(
            (name, replace(SAMPLE, learner_name=name, verification_code=code, verification_url=url))
        )
    return items


def timed(action: Callable[[], bytes]) -> tuple[float, int]:
    """Seconds `action` took, and the size of what it built."""
    start = time.perf_counter()
    size = len(action())
    return time.perf_counter() - start, size


def measure(count: int) -> list[tuple[str, int, float, int]]:
    """(case, certificates, seconds, bytes) in the order the cases are run."""
    rows = []
    for label in ("premier appel du processus", "ensuite"):
        rows.append((f"1 attestation, {label}", 1, *timed(lambda: build_certificate_pdf(SAMPLE))))
    for script, name in SCRIPT_SAMPLES.items():
        data = replace(SAMPLE, learner_name=name)
        for label in ("première fois", "ensuite"):
            rows.append(
                (
                    f"1 attestation, nom en {script}, {label}",
                    1,
                    *timed(lambda data=data: build_certificate_pdf(data)),  # type: ignore[misc]
                )
            )
    latin, mixed = learners(count), learners(count, other_every=10)
    rows.append(("zip, noms latins", count, *timed(lambda: build_certificates_zip(latin))))
    rows.append(
        (
            "zip, 1 nom sur 10 dans une autre écriture",
            count,
            *timed(lambda: build_certificates_zip(mixed)),
        )
    )
    with mock.patch.object(certificate_fonts, "_scripts", return_value=None):
        rows.append(
            (
                "zip, noms latins, sans les coupes de DejaVu",
                count,
                *timed(lambda: build_certificates_zip(latin)),
            )
        )
    return rows


def table(rows: list[tuple[str, int, float, int]]) -> str:
    lines = [
        "| cas | attestations | durée (s) | par attestation (ms) | taille (Kio) |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for label, count, seconds, size in rows:
        lines.append(
            f"| {label} | {count} | {seconds:.2f} | {seconds / count * 1000:.0f} | {size / 1024:.0f} |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--count", type=int, default=100)
    args = parser.parse_args()
    load = os.getloadavg()[0]  # other work on the machine slows every figure down
    report = table(measure(args.count))
    header = (
        f"Mesuré le {datetime.now():%Y-%m-%d %H:%M} sur {platform.node()} ({platform.machine()}, "
        f"{os.cpu_count()} cœurs, Python {platform.python_version()}), dans un seul processus\u202f; "
        f"charge moyenne de la machine avant la mesure\u202f: {load:.2f}.\n\n"
    )
    print(header + report)
    RESULTS.write_text("# Attestations PDF\n\n" + header + report + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
