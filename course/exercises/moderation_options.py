"""The choices of « La charte de modération de mon association » (module 14): each option's label
on screen and the sentence it puts in the charter, as the lesson teaches them."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Option:
    """One choice of the exercise: its label on screen and its sentence in the charter."""

    id: str
    label: str
    rule: str


WELCOME = (
    Option(
        "questions",
        "Les questions sur nos actions, nos horaires, nos besoins",
        "vos questions sur nos actions, nos horaires et nos besoins",
    ),
    Option(
        "temoignages",
        "Les témoignages de bénévoles, de partenaires, de personnes aidées",
        "vos témoignages, que vous soyez bénévole, partenaire ou personne accompagnée",
    ),
    Option(
        "avis",
        "Les avis, même critiques, exprimés avec respect",
        "vos avis, même critiques, exprimés avec respect : nous y répondons",
    ),
    Option(
        "idees",
        "Les idées et les propositions d'aide",
        "vos idées et vos propositions d'aide",
    ),
    Option(
        "informations",
        "Les informations utiles en lien avec notre cause",
        "les informations utiles en lien avec notre cause : un événement, une ressource",
    ),
    Option(
        "encouragements",
        "Les encouragements et les remerciements",
        "vos encouragements et vos remerciements",
    ),
)

ILLEGAL = (
    "les propos illégaux : incitation à la haine, discriminations, menaces, injures, diffamation"
)
REMOVED = (
    Option("publicite", "La publicité", "les messages publicitaires"),
    Option(
        "hors-sujet", "Les messages hors sujet", "les messages sans rapport avec la publication"
    ),
    Option("repetitifs", "Les messages répétitifs", "les messages répétés à l'identique"),
    Option(
        "coordonnees",
        "Les coordonnées personnelles (adresse, téléphone, e-mail)",
        "les coordonnées personnelles (adresse, téléphone, e-mail), les vôtres comme celles "
        "des autres",
    ),
    Option(
        "attaques",
        "Les attaques personnelles",
        "les attaques personnelles contre des bénévoles, des personnes aidées ou d'autres "
        "internautes",
    ),
    Option(
        "photos",
        "Les photos de personnes reconnaissables publiées sans leur accord",
        "les photos où l'on reconnaît une personne qui n'a pas donné son accord",
    ),
    Option(
        "liens-douteux",
        "Les liens vers des sites trompeurs ou malveillants",
        "les liens vers des sites trompeurs ou malveillants",
    ),
)

WARNINGS = (
    Option(
        "rappel-prive",
        "Un rappel de la charte en message privé",
        "Quand nous retirons un message qui n'est pas illégal, nous en prévenons son auteur "
        "par un message privé qui rappelle cette charte.",
    ),
    Option(
        "rappel-public",
        "Un rappel de la charte en réponse au commentaire",
        "Avant de retirer un message qui n'est pas illégal, nous rappelons cette charte en "
        "réponse au commentaire.",
    ),
    Option(
        "sans-rappel",
        "Le retrait, sans rappel individuel",
        "Les messages contraires à cette charte sont retirés sans rappel individuel : cette "
        "charte tient lieu d'avertissement.",
    ),
)

SCHEDULES = (
    Option(
        "quotidien",
        "Tous les jours, week-end compris",
        "Les commentaires sont lus au moins une fois par jour, week-end compris.",
    ),
    Option(
        "soirs",
        "Chaque soir en semaine, une fois pendant le week-end",
        "Les commentaires sont lus chaque soir en semaine et au moins une fois pendant le "
        "week-end.",
    ),
    Option(
        "semaine",
        "Du lundi au vendredi seulement",
        "Les commentaires sont lus du lundi au vendredi ; ceux du week-end sont lus le lundi.",
    ),
)

REPORTS = (
    Option(
        "plateforme",
        "À la plateforme (toujours)",
        "Les contenus illicites sont signalés à la plateforme, avec leur adresse et la raison "
        "du signalement.",
    ),
    Option(
        "pharos",
        "Sur Pharos, pour les contenus publics illicites",
        "Les contenus publics illicites (menaces, incitation à la haine, discriminations…) "
        "sont aussi signalés sur Pharos, le portail officiel du ministère de l'Intérieur "
        "(internet-signalement.gouv.fr).",
    ),
    Option(
        "police",
        "À la police ou à la gendarmerie, pour un membre injurié ou menacé",
        "Quand une injure, une diffamation ou une menace vise un membre de l'association, "
        "celui-ci peut s'adresser à la police ou à la gendarmerie.",
    ),
    Option(
        "urgence",
        "Au 17, en cas de danger immédiat",
        "En cas de danger immédiat, nous appelons le 17.",
    ),
)
ALWAYS_REPORTED = "plateforme"

NEXT_ACTIONS = (
    "Publiez votre charte dans la présentation de la page, ou épinglez-la en haut de celle-ci.",
    "Donnez à chaque modérateur son propre accès à la page, jamais un mot de passe partagé.",
    "Relisez la charte chaque année : les règles des plateformes et le droit évoluent.",
)
