"""The table: figures written the French way, rows, the reasons under a missed target, the report."""

from __future__ import annotations

import os
import platform
import statistics
from dataclasses import dataclass
from datetime import datetime

# --- French figures -------------------------------------------------------------------------


def fr(value: float, digits: int = 0) -> str:
    """A French number: decimal comma, narrow no-break space between thousands."""
    return f"{value:,.{digits}f}".replace(",", "\u202f").replace(".", ",")


def ms(seconds: float) -> str:
    milliseconds = seconds * 1000
    return f"{fr(milliseconds, 1 if milliseconds < 10 else 0)}\u00a0ms"


def secs(seconds: float) -> str:
    return f"{fr(seconds, 2)}\u00a0s"


def times(value: float) -> str:
    return f"{fr(value, 2)}\u00a0×"


def mib(size: float) -> str:
    return f"{fr(size / 2**20, 1)}\u00a0Mio"


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20, method="inclusive")[-1]


def yes_no(met: bool) -> str:
    return "oui" if met else "non"


@dataclass
class Row:
    """One line of the table (French)."""

    what: str
    value: str
    hello: str
    ratio: str
    target: str
    met: str
    profile: str | None = None  # where the time goes, when the target is missed
    reason: str = ""  # why, read from that profile (French)


def table(rows: list[Row]) -> str:
    lines = [
        "| Mesure | Valeur(s) | Hello-world | Ratio | Objectif | Atteint\u202f? |",
        "| --- | --- | --- | ---: | --- | --- |",
    ]
    lines += [
        f"| {r.what} | {r.value} | {r.hello} | {r.ratio} | {r.target} | {r.met} |" for r in rows
    ]
    return "\n".join(lines)


# --- Why targets are missed, read from the profiles below the table (24/11/2026) -------------

COMMON = (
    "Hello-world dessine un titre et une ligne. Le squelette du cours sans son contenu "
    "(bench/skeleton_app.py\u202f: la configuration de la page, deux `st.html`, 20 pages dans "
    "le menu de `st.navigation` dans la barre latérale), écrit sans une ligne du "
    "cours, coûte déjà plus de deux fois hello-world (ligne «\u00a0squelette"
    "\u00a0» du tableau)\u202f: l'objectif de 3\u00a0× ne laisse au contenu d'une page qu'une ou "
    "deux millisecondes, ou rien, moins que l'envoi d'une dizaine d'éléments. Le code du cours ne pèse presque plus dans un passage "
    "(«\u00a0course/\u00a0» et «\u00a0views/\u00a0»\u202f: 1 à 5\u00a0% du temps propre sous profileur)"
    "\u202f: le cours chargé est gardé dans un dictionnaire et ses fichiers regardés une fois par "
    "seconde au plus, les figures et tableaux des graphiques sont faits une fois par version "
    "du contenu, l'apprenant est lu une fois par passage, et seul l'onglet ouvert de l'espace "
    "formateur est calculé. Le reste est le travail de Streamlit pour chaque élément envoyé "
    "(`DeltaGenerator._enqueue`, puis `socket.send` qui réveille sa boucle d'évènements)"
    "\u202f: un coût proportionnel au nombre d'éléments de la page, et, pour un apprenant, "
    "trois requêtes SQL (l'apprenant, ses tentatives, ses visites). Les profils ci-dessous "
    "sont pris dans un vrai serveur (bench/profiled_app.py), en pourcentage du temps des "
    "passages\u202f; le profileur les ralentit."
)
REASONS = {
    "accueil": "Une soixantaine d'éléments (dix cartes de module) en plus du squelette\u202f: "
    "la quasi-totalité du temps propre est dans Streamlit et la bibliothèque standard "
    "(mise en file et envoi des éléments), presque rien dans le code du cours.",
    "graphiques": "Les figures et leurs tableaux ne sont plus refaits, mais à chaque passage "
    "`st.plotly_chart` copie chaque figure (`to_dict`, `deepcopy`) et la sérialise en JSON, et "
    "`st.table` convertit chaque tableau en Arrow (environ 70\u00a0% du passage, dans Streamlit, "
    "Plotly et pyarrow). Streamlit ne permet pas de ne pas les renvoyer\u202f: un élément non "
    "redessiné pendant un passage disparaît de la page.",
    "texte": "Le texte du module en éléments Markdown, ses encadrés et ses images, en plus du "
    "squelette\u202f: presque tout le temps propre est dans Streamlit (mise en file et envoi des "
    "éléments).",
    "glossaire complet": "Les 97 termes sont une vingtaine de blocs Markdown, un par lettre (issue 16)\u202f: "
    "leur mise en file et leur envoi font environ 40\u00a0% du passage, le reste est le "
    "squelette (styles, menu de Streamlit), presque tout dans Streamlit.",
    "glossaire": "Le repli des accents et de la casse est gardé en mémoire (`fold`)\u202f; reste "
    "le dessin des fiches trouvées, un conteneur, un titre, une définition et un exemple "
    "chacune (environ 50\u00a0%), et le squelette.",
    "quiz": "La question et ses boutons (environ 20\u00a0%), l'apprenant, ses visites et ses "
    "tentatives lus en base pour le menu et la page (environ 25\u00a0%, SQLAlchemy), la "
    "tentative en cours (environ 15\u00a0%)\u202f; les tentatives finies sont lues deux fois "
    "(le quiz et la progression), une lecture à partager.",
    "résultats": "La correction détaillée\u202f: un expander par question avec sa rétroaction "
    "(environ 45\u00a0%) et les nombres formatés par Babel (environ 5\u00a0%), en plus du squelette.",
    "parcours": "Le graphique de progression n'est refait que si la progression change, mais "
    "`st.plotly_chart` le copie et le sérialise à chaque passage (environ 20\u00a0%)\u202f; puis "
    "«\u00a0Mes données\u00a0», le plan d'action et les ateliers, avec leurs requêtes SQL.",
    "formateur": "Seul l'onglet ouvert est calculé. La question en direct, les réponses et leur "
    "figure (environ 30\u00a0%, dans le fragment relancé chaque seconde), la liste des "
    "participants (environ 9\u00a0%) et le sélecteur de question parmi toutes celles du cours "
    "(environ 10\u00a0%).",
    "présentation": "Le squelette et la barre d'outils de la présentation (sélecteur, cases à "
    "cocher, boutons) pour une diapositive de quelques éléments\u202f: tout est dans Streamlit.",
    "rafale": "Le p95 d'une rafale suit le CPU d'un passage\u202f: les 50 passages se partagent "
    "un seul interpréteur (GIL), donc p95 ≈ 50 × CPU d'un passage, sur hello-world comme sur le "
    "cours. Le rapport des p95 est celui du CPU par passage (voir la colonne Valeur), donc celui "
    "des relances\u202f: le squelette seul en prend déjà plus de deux fois celui de hello-world. "
    "Ce n'est pas la base de données\u202f: un essai (23/11/2026) avec des lectures en `BEGIN` "
    "différé n'a pas changé le p95 sans profileur.",
    "rafale à 2": "Avec deux processus, chacun sert environ la moitié de la salle sur son "
    "cœur\u202f: p95 ≈ 25 × CPU d'un passage, si les deux cœurs sont libres (la machine "
    "partagée, nginx et le banc lui-même en prennent leur part). Le rapport à hello-world, "
    "servi par un seul processus, baisse donc au mieux de moitié\u202f; au-delà, seul le CPU "
    "d'un passage compte (voir le profil de la relance de la même page).",
    "démarrage": "Le serveur est prêt aussi vite que hello-world (voir «\u00a0serveur "
    "prêt\u00a0»)\u202f: l'écart est le premier passage du script (voir la colonne Valeur). "
    "L'accueil n'importe plus ni pandas, ni fpdf2 et fontTools, ni openpyxl, alembic ou segno "
    "(chaque page importe son module quand on l'ouvre), et le contenu est lu par libyaml\u202f; "
    "restent les imports de SQLAlchemy et pydantic, la construction des modèles et la lecture "
    "du contenu.",
    "attestations": "Chaque PDF est mis en page par fpdf2 avec sa police découpée (fontTools)\u202f; "
    "voir bench/RESULTS-certificates.md pour le détail par écriture.",
}


# --- Report ---------------------------------------------------------------------------------

SECTIONS = ("pages", "burst", "phones", "cold", "batch")


def machine(load: float) -> str:
    return (
        f"Machine\u202f: {platform.platform()} ({platform.node()}), {os.cpu_count()} cœurs, "
        f"Python {platform.python_version()}\u202f; charge moyenne au départ\u202f: {fr(load, 2)}."
    )


EXPLAINED = (
    "Ratio\u202f: valeur du cours ÷ valeur de hello-world mesurée dans la même exécution. "
    "Les traitements par lots n'ont pas d'équivalent hello-world\u202f: ratio sans objet. "
    "Relances\u202f: entre parenthèses, la médiane de la page ÷ celle du squelette du cours "
    "(bench/skeleton_app.py), mesuré dans la même exécution.\n\n"
    "Rafales\u202f: 50 sessions relancent la même page ensemble, plusieurs tours, chacune avec "
    "son apprenant quand la page en a un (quiz en cours, «\u00a0Mon parcours\u00a0») et son "
    "formateur connecté sur l'espace formateur. «\u00a01 processus\u00a0»\u202f: `streamlit run` "
    "joint directement, comme `scripts/run` le sert et comme hello-world\u202f; «\u00a02 "
    "processus derrière nginx\u00a0»\u202f: tools/nginx_balancer.py, comme `scripts/run-multi 2`, "
    "les sessions réparties à tour de rôle (environ 25 par processus). Le ratio d'une rafale est son "
    "p95 ÷ le p95 des rafales de 50 sessions de hello-world (1 processus), intercalées avec les "
    "siennes dans la même exécution. Le CPU est celui de tous les processus du cours par "
    "exécution de page.\n\n"
    "Question en direct\u202f: 50 sessions websocket de participants d'un atelier font ce que "
    "fait le navigateur d'un téléphone (relancer le fragment de la question toutes les "
    "secondes, chacune à sa phase) et répondent à chaque question 1 à 4\u00a0s après l'avoir "
    "vue\u202f; le banc lance une question dans la base, comme le bouton du formateur, et note "
    "pour chaque téléphone le délai jusqu'au premier passage qui la montre.\n"
)


def report(rows: list[Row], plan_name: str, load: float, started: datetime, took: float) -> str:
    missed = [row for row in rows if row.met == "non"]
    profiles = []
    if any(row.what.startswith("Relance") for row in missed):
        title = "Ce que toute page du cours fait de plus que hello-world"
        profiles.append(f"### {title}\n\n{COMMON}\n")
    for row in missed:
        why = f"**Pourquoi\u202f?** {row.reason}\n\n" if row.reason else ""
        shown = f"```text\n{row.profile}\n```\n" if row.profile else ""
        profiles.append(f"### {row.what}\n\n{why}{shown}")
    end_load = os.getloadavg()[0]
    text = (
        "# Banc d'essai\u202f: le cours à côté d'une application hello-world\n\n"
        f"Mesuré le {started:%d/%m/%Y à %H:%M} ({plan_name}, {fr(took / 60, 1)}\u00a0min). "
        f"{machine(load)} Charge à la fin\u202f: {fr(end_load, 2)}. "
        "Commande\u202f: `.venv/bin/python -m bench.suite"
        f"{' --quick' if plan_name == 'rapide' else ''}` (voir la docstring de "
        "bench/suite/__init__.py).\n\n" + table(rows) + "\n\n" + EXPLAINED
    )
    if profiles:
        text += "\n## Profils des objectifs manqués\n\n" + "\n".join(profiles)
    return text
