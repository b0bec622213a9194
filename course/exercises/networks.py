"""The table behind « Quel réseau pour mon association ? »: choices, networks and their rules.

Each rule's reason comes from the course (modules 4, 5, 7, 8 and 10, themselves from the source
text); an author can add a network or a rule here and the tests check every combination still
recommends at least one network.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Choice:
    """One answer a learner can pick."""

    id: str
    label: str


@dataclass(frozen=True)
class Network:
    """A network the advisor can recommend, with what the course says of it."""

    id: str
    name: str
    summary: str
    base: int = 0
    today: str | None = None


@dataclass(frozen=True)
class Rule:
    """`criterion` (« goal:dons », « audience:jeunes », « cause:culture ») gives `network` points."""

    network: str
    criterion: str
    points: int
    reason: str


@dataclass(frozen=True)
class TimeBudget:
    """Time per week, how many networks it lets an association keep alive, and advice."""

    id: str
    label: str
    networks: int
    advice: str


CAUSES = (
    Choice("solidarite", "Solidarité, aide aux personnes"),
    Choice("culture", "Culture, soutien aux artistes"),
    Choice("sport-loisirs", "Sport et loisirs"),
    Choice("environnement", "Environnement"),
    Choice("sante", "Santé"),
    Choice("jeunesse", "Jeunesse et éducation"),
    Choice("droits", "Défense des droits, information"),
    Choice("quartier", "Vie locale, quartier"),
    Choice("autre", "Autre cause"),
)
AUDIENCES = (
    Choice("jeunes", "Les jeunes"),
    Choice("habitants", "Les habitants, les familles, le grand public"),
    Choice("professionnels", "Les entreprises, les mécènes et les professionnels"),
    Choice("journalistes", "Les journalistes et les élus"),
)
GOALS = (
    Choice("benevoles", "Recruter des bénévoles"),
    Choice("dons", "Récolter des dons"),
    Choice("informer", "Informer sur votre cause et vos actualités"),
    Choice("mobiliser", "Sensibiliser et mobiliser"),
    Choice("evenements", "Faire venir du monde à vos événements"),
    Choice("montrer", "Montrer vos actions en photos et en vidéos"),
    Choice("partenaires", "Trouver des partenaires et des soutiens professionnels"),
)
TIMES = (
    TimeBudget(
        "moins-1h",
        "Moins d'une heure",
        1,
        "Avec moins d'une heure par semaine, tenez un seul réseau : quelques publications "
        "régulières valent mieux que plusieurs comptes à l'abandon.",
    ),
    TimeBudget(
        "1-2h",
        "Une à deux heures",
        1,
        "Une à deux heures par semaine, c'est le créneau fixe conseillé au module 10 : "
        "commencez par un seul réseau, celui où se trouve votre public.",
    ),
    TimeBudget(
        "3-5h",
        "Trois à cinq heures",
        2,
        "Avec trois à cinq heures par semaine, deux réseaux peuvent vivre, à condition de "
        "partager le travail entre une personne référente et une personne de renfort.",
    ),
    TimeBudget(
        "plus-5h",
        "Plus de cinq heures",
        3,
        "Avec plus de cinq heures par semaine, trois réseaux sont possibles : faites circuler "
        "vos contenus de l'un à l'autre pour en augmenter la portée.",
    ),
)
NETWORKS = (
    Network(
        "facebook",
        "Facebook",
        "Le réseau « par excellence » du texte source : gratuit, une page gérée par plusieurs "
        "administrateurs, une communauté qui se soude avec le temps (module 5).",
        base=2,
        today="L'entreprise Facebook, Inc. s'appelle Meta depuis le 28 octobre 2021 ; le réseau, "
        "lui, s'appelle toujours Facebook. Les onglets de 2012 n'existent plus : on épingle "
        "plutôt une publication ou on ajoute un bouton d'action (module 7).",
    ),
    Network(
        "instagram",
        "Instagram",
        "Un réseau de l'image, de la famille des réseaux de partage : photos et vidéos y "
        "occupent la première place (modules 4 et 10).",
    ),
    Network(
        "linkedin",
        "LinkedIn",
        "Le réseau professionnel du texte source : il présente des personnes et leur parcours, "
        "et met en contact avec ceux qui pourraient soutenir l'association (module 5).",
        today="Sur LinkedIn, une organisation peut aussi avoir sa propre page, à côté des profils "
        "personnels de ses membres (module 10).",
    ),
    Network(
        "x",
        "X (ex-Twitter)",
        "Des messages courts, publics et en temps réel (module 5). Le texte source le jugeait "
        "peu utile aux projets solidaires, mais ses propres exemples, RSF et la Croix-Rouge, "
        "montrent qu'il sert à informer vite (module 8).",
        today="Twitter est devenu X le 24 juillet 2023 : le réseau a beaucoup changé, certaines "
        "associations l'ont quitté, d'autres y restent. Vérifiez que votre public s'y trouve "
        "(module 5).",
    ),
    Network(
        "video",
        "YouTube ou TikTok",
        "Des réseaux de partage de vidéos, longues sur YouTube, courtes sur TikTok (module 4).",
    ),
)
RULES = (
    # Facebook: community, events, the six objectives of module 7.
    Rule(
        "facebook",
        "goal:benevoles",
        3,
        "Les ONG y recrutaient des bénévoles et répondaient à leurs questions, comme la "
        "Croix-Rouge pour les formations aux premiers secours (module 7).",
    ),
    Rule(
        "facebook",
        "goal:dons",
        3,
        "Un bouton de don et des appels aux dons, comme Médecins du "
        "Monde et la Croix-Rouge française (module 7).",
    ),
    Rule(
        "facebook",
        "goal:evenements",
        3,
        "Pour annoncer un événement au grand public, un réseau "
        "généraliste : une page Facebook pour la fête annuelle (module 4).",
    ),
    Rule(
        "facebook",
        "goal:mobiliser",
        2,
        "Le bandeau de couverture affiche le message fort du "
        "moment, pour sensibiliser dès l'arrivée sur la page (module 7).",
    ),
    Rule(
        "facebook",
        "goal:informer",
        1,
        "Les actualités y sont bien mises en valeur, et l'on peut "
        "y partager les articles de son site (modules 5 et 7).",
    ),
    Rule(
        "facebook",
        "goal:montrer",
        1,
        "Les albums photo mettent vos actions en valeur, comme la "
        "rétrospective de Médecins du Monde (module 7).",
    ),
    Rule(
        "facebook",
        "audience:habitants",
        2,
        "Utilisé chaque jour par des millions de personnes, "
        "de façons très différentes : le bon endroit pour toucher le grand public (module 5).",
    ),
    Rule(
        "facebook",
        "cause:quartier",
        2,
        "Une association de quartier ira plutôt vers Facebook (module 10).",
    ),
    Rule(
        "facebook",
        "cause:solidarite",
        1,
        "Les grandes ONG de solidarité en ont fait leur vitrine (module 7).",
    ),
    # Instagram: visuals, artists, young people.
    Rule(
        "instagram",
        "cause:culture",
        4,
        "Le texte source le dit : si votre association soutient "
        "des artistes, Instagram est le bon choix (module 10).",
    ),
    Rule(
        "instagram",
        "goal:montrer",
        3,
        "Les outils visuels, photos et vidéos, y occupent une place importante (module 10).",
    ),
    Rule(
        "instagram",
        "audience:jeunes",
        3,
        "Les réseaux conviennent tout particulièrement aux "
        "jeunes, et un club de jeunes ira plutôt vers un réseau de l'image (module 10).",
    ),
    Rule(
        "instagram",
        "cause:sport-loisirs",
        1,
        "Une photo ou une courte vidéo de vos activités "
        "attire plus l'attention qu'un long texte (module 4).",
    ),
    Rule(
        "instagram",
        "goal:benevoles",
        1,
        "Les réseaux aident à faire venir de nouveaux "
        "adhérents, tout particulièrement parmi les jeunes (module 10).",
    ),
    # LinkedIn: professionals, partners, patrons.
    Rule(
        "linkedin",
        "goal:partenaires",
        4,
        "Il permet d'entrer en contact avec quelqu'un qui "
        "pourrait soutenir l'association : mécénat, compétences, partenariat (modules 5 et 10).",
    ),
    Rule(
        "linkedin",
        "audience:professionnels",
        3,
        "Une communication très tournée vers les "
        "professionnels, « d'entreprise à entreprise » (module 5).",
    ),
    Rule(
        "linkedin",
        "goal:benevoles",
        1,
        "Pour trouver des compétences, par exemple un bénévole juriste (module 4).",
    ),
    Rule(
        "linkedin",
        "goal:dons",
        1,
        "Un contact noué avec une entreprise peut devenir du mécénat (module 10).",
    ),
    # X: concise news with a link, journalists and elected officials, relays.
    Rule(
        "x",
        "goal:informer",
        3,
        "Une information concise avec un lien vers votre site, sur le "
        "modèle de Reporters sans frontières (module 8).",
    ),
    Rule(
        "x",
        "audience:journalistes",
        3,
        "Il sert à réagir à l'actualité et à parler aux journalistes et aux élus (module 5).",
    ),
    Rule(
        "x",
        "goal:mobiliser",
        2,
        "Les retweets relaient vos bénévoles et vos partenaires, comme "
        "le faisait la Croix-Rouge française (module 8).",
    ),
    Rule(
        "x",
        "cause:droits",
        2,
        "Reporters sans frontières y défendait la liberté de "
        "l'information, une nouvelle à la fois (module 8).",
    ),
    # Video networks: showing actions, young people.
    Rule(
        "video",
        "goal:montrer",
        2,
        "Une courte vidéo montre votre action mieux qu'un long texte (modules 4 et 10).",
    ),
    Rule(
        "video",
        "audience:jeunes",
        2,
        "Les vidéos courtes touchent un public jeune, par exemple "
        "celles d'un chantier de jeunes (module 4).",
    ),
    Rule(
        "video",
        "goal:mobiliser",
        1,
        "Une courte vidéo attire plus l'attention qu'un long texte : "
        "utile pour sensibiliser (module 4).",
    ),
    Rule(
        "video",
        "cause:culture",
        1,
        "Spectacles, concerts, expositions : la vidéo les fait vivre en ligne (module 4).",
    ),
)
RESERVE_ADVICE = (
    "Réservez aussi le nom de votre association sur ces réseaux, même sans les animer tout de "
    "suite, comme le conseillait le texte source pour Twitter (module 5)."
)
