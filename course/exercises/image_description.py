"""« Décrire une image » (module 11): a learner's image description checked against simple rules.

The rules are those the lesson teaches for a text alternative: go straight to what the image
shows (no « Image de… »), say who does what, keep a length that can be listened to (at least
MIN_WORDS words, at most MAX_CHARACTERS characters), and leave hashtags, links and emoji to the
post itself. « Who » and « does what » are spotted with word lists, not a grammar: the messages
say so, and a description the lists miss is not called wrong, only « not recognised ».
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from course.exercises import InvalidInput
from course.text import fold

EXERCISE_ID = "decrire-image"
MAX_INPUT = 1000  # characters accepted at all (the text area's limit too)
MIN_WORDS = 5  # fewer words cannot say who does what
MAX_CHARACTERS = 250  # about two sentences: longer becomes tiresome to listen to

ILLUSTRATION = "collecte-solidaire.svg"  # shown by the lesson just above the exercise
SCENE = (
    "L'illustration montre une collecte solidaire, comme sur une photo prise par un bénévole. "
    "Écrivez le texte alternatif que vous joindriez à cette photo sur la page de l'association."
)
EXAMPLE = (
    "Devant un stand de collecte solidaire, une bénévole en gilet orange tend un sac de courses "
    "à une femme âgée qui sourit. Derrière la table, un jeune bénévole range des boîtes de "
    "conserve dans un carton."
)

# « Image de… », « Photo : … », « Sur cette photo, … », « Peut-être une image de… »: the screen
# reader has already said it is an image.
_IMAGE_WORDS = r"(?:image|photo|photographie|illustration|dessin|capture|visuel|picture)s?"
_OPENING = re.compile(
    r"^(?:peut-etre\s+)?(?:(?:ceci\s+est|c'est|voici|voila|sur)\s+)?"
    r"(?:(?:une?|la|le|les|cette|ce|cet|l')\s*)?" + _IMAGE_WORDS + r"\b"
)

_PEOPLE = frozenset({
    "adulte", "adultes", "ado", "ados", "adolescent", "adolescente", "adolescents",
    "adolescentes", "ami", "amie", "amis", "amies", "animateur", "animatrice", "animateurs",
    "animatrices", "bebe", "bebes", "benevole", "benevoles", "client", "cliente", "clients",
    "clientes", "collegue", "collegues", "couple", "dame", "dames", "donateur", "donatrice",
    "donateurs", "donatrices", "eleve", "eleves", "elle", "elles", "enfant", "enfants",
    "equipe", "etudiant", "etudiante", "etudiants", "etudiantes", "famille", "familles",
    "femme", "femmes", "fille", "filles", "foule", "garcon", "garcons", "gens", "grand-mere",
    "grand-pere", "groupe", "habitant", "habitante", "habitants", "habitantes", "homme",
    "hommes", "ils", "jeune", "jeunes", "joueur", "joueuse", "joueurs", "joueuses",
    "maire", "membre", "membres", "mere", "messieurs", "monsieur", "nous", "organisateur",
    "organisatrice", "organisateurs", "organisatrices", "parent", "parents", "participant",
    "participante", "participants", "participantes", "passant", "passante", "passants",
    "passantes", "pere", "personne", "personnes", "president", "presidente", "public",
    "resident", "residente", "residents", "residentes", "retraite", "retraitee", "retraites",
    "retraitees", "salarie", "salariee", "salaries", "salariees", "senior", "seniors",
    "tresorier", "tresoriere", "visiteur", "visiteuse", "visiteurs", "visiteuses",
    "volontaire", "volontaires",
})  # fmt: skip


def _listed(*parts: str) -> frozenset[str]:
    """The words of some space-separated strings (long lists stay readable in the source)."""
    return frozenset(" ".join(parts).split())


# First-group verbs (-er): present (« tend » aside), present participle and past participle.
_ER_VERBS = _listed(
    "accompagner aider afficher animer arroser bricoler celebrer chanter charger "
    "coller collecter compter consoler cuisiner danser decharger decorer defiler deposer "
    "dessiner discuter distribuer donner ecouter embrasser emballer empiler expliquer feter "
    "filmer guider installer jardiner jongler jouer laver livrer manifester marcher monter "
    "montrer nager noter parler participer partager pedaler peser photographier planter "
    "porter poser pousser presenter preparer quitter ramasser ranger recolter regarder "
    "remercier reparer rouler saluer serrer signer soigner tirer transporter travailler "
    "trier trinquer verser visiter"
)
_ER_SPECIAL = _listed(  # spelling changes: -ger keeps an « e », -yer turns into « i », -eter/-eler
    "mange mangent mangeant range rangent rangeant charge chargent chargeant partage "
    "partagent partageant nettoie nettoient nettoyant nettoye nettoyee envoie envoient "
    "envoyant essuie essuient essuyant paie paient payant leve levent levant achete "
    "achetent achetant appelle appellent appelant jette jettent jetant"
)
_IR_VERBS = _listed("applaudir brandir choisir finir garnir nourrir remplir reunir saisir")
_OTHER_FORMS = _listed(  # third group, and states such as « assis » or « debout »
    "tend tendent tendant tendu tendue tient tiennent tenant tenu tenue sourit sourient "
    "souriant rit rient riant sert servent servant servi servie offre offrent offrant offert "
    "offerte remet remettent remettant remis remise met mettent mettant mis mise recoit "
    "recoivent recevant recu recue prend prennent prenant pris prise fait font faisant lit "
    "lisent lisant lu ecrit ecrivent ecrivant court courent courant attend attendent "
    "attendant vend vendent vendant peint peignent peignant accueille accueillent "
    "accueillant accueilli cueille cueillent cueillant construit construisent construisant "
    "descend descendent descendant sort sortent sortant part partent partant boit boivent "
    "buvant dort dorment dormant va vont allant vient viennent venant dit disent disant "
    "ouvre ouvrent ouvrant ouvert couvre couvrent suit suivent suivant conduit conduisent "
    "conduisant rejoint rejoignent apprend apprennent apprenant comprend comprennent "
    "assis assise assises debout allonge allongee allonges agenouille agenouillee "
    "est sont"
)


# Verb forms that are also common nouns or adjectives (« au marché », « la fête », « un livre »):
# left out, so a description without a verb is not taken for one that has one.
_NOUNS = _listed(
    "celebre charge charges collecte collectes danse danses depose fete fetes file livre "
    "livres marche marches montre montres note notes photographie photographies plante "
    "plantes porte portes pose poses signe signes visite visites"
)


def _verb_forms() -> frozenset[str]:
    forms = set(_ER_SPECIAL | _OTHER_FORMS)
    for verb in _ER_VERBS:
        stem = verb[:-2]
        forms |= {stem + ending for ending in ("e", "es", "ent", "ant", "ee", "ees")}
    for verb in _IR_VERBS:
        stem = verb[:-2]
        forms |= {stem + ending for ending in ("it", "issent", "issant", "i", "ie", "is", "ies")}
    forms -= {"est", "sont"}  # « est » alone is no action: kept only for « est assis » & co.
    return frozenset(forms - _NOUNS)


_VERBS = _verb_forms()
_WORD = re.compile(r"[^\W_]+(?:[-'][^\W_]+)*")
_LINK = re.compile(r"https?://|www\.|\b[\w-]+\.(?:fr|org|com|net|eu|ly)\b/?", re.IGNORECASE)


def _clean(text: str) -> str:
    """NFC, typographic apostrophes made plain, control characters dropped, spaces folded."""
    text = unicodedata.normalize("NFC", text).replace("\u2019", "'").replace("\u02bc", "'")
    text = "".join(" " if unicodedata.category(ch) in {"Cc", "Zl", "Zp"} else ch for ch in text)
    return " ".join(text.split())


def _words(text: str) -> list[str]:
    """Words, with « l'image » split into « l » and « image » and « grand-mère » kept whole."""
    words: list[str] = []
    for word in _WORD.findall(text):
        words += [part for part in word.split("'") if part]
    return words


def _found(words: list[str], wanted: frozenset[str]) -> list[str]:
    """The learner's words (lower-case, first occurrence) whose folded form is in `wanted`."""
    return list(dict.fromkeys(word.lower() for word in words if fold(word) in wanted))


def _has_emoji(text: str) -> bool:
    return (
        any(unicodedata.category(ch) == "So" and ord(ch) >= 0x2190 for ch in text)
        or "\ufe0f" in text
    )


def _quoted(words: list[str]) -> str:
    """The learner's words, each between French quotes, the last two joined by the word et."""
    quoted = [f"«\u00a0{word}\u00a0»" for word in words]
    return quoted[0] if len(quoted) == 1 else f"{', '.join(quoted[:-1])} et {quoted[-1]}"


def _count(number: int, noun: str) -> str:
    """A count and its noun, plural from 2 on (one no-break space between them)."""
    return f"{number}\u00a0{noun}{'s' if number > 1 else ''}"


def _check(check_id: str, label: str, ok: bool, message: str) -> dict[str, Any]:
    return {"id": check_id, "label": label, "ok": ok, "message": message}


def check_description(text: str) -> dict[str, Any]:
    """The checks of one description, as a plain dict (stored as the learner's answer).

    Raises InvalidInput for a text that is not text, is empty or is longer than MAX_INPUT."""
    if not isinstance(text, str):
        raise InvalidInput("Écrivez votre description sous forme de texte.")
    if len(text) > MAX_INPUT:
        raise InvalidInput(
            f"Votre texte compte {len(text)} caractères : le maximum est de {MAX_INPUT}. "
            "Une description d'image tient en une ou deux phrases."
        )
    cleaned = _clean(text)
    if not cleaned:
        raise InvalidInput("Écrivez une description de l'image avant de la vérifier.")
    words = _words(cleaned)
    characters = len(cleaned)
    people = _found(words, _PEOPLE)
    actions = _found(words, _VERBS)
    extras = [
        name
        for name, found in (
            ("hashtag", "#" in cleaned),
            ("mention", re.search(r"(?<!\w)@\w", cleaned) is not None),
            ("lien", _LINK.search(cleaned) is not None),
            ("émoji", _has_emoji(cleaned)),
        )
        if found
    ]

    opening_ok = _OPENING.match(fold(cleaned)) is None
    checks = [
        _check(
            "debut",
            "Va droit au but",
            opening_ok,
            "Votre description commence directement par ce que l'on voit."
            if opening_ok
            else "Ne commencez pas par « Image de… » ou « Photo de… » : le lecteur d'écran "
            "annonce déjà qu'il s'agit d'une image. Commencez par ce que l'on voit.",
        ),
        _check(
            "qui",
            "Dit qui",
            bool(people),
            f"Vous dites qui l'on voit, avec {_quoted(people)}."
            if people
            else "Nous n'avons repéré personne (bénévole, femme, enfant…). Dites qui l'on voit "
            "sur l'image.",
        ),
        _check(
            "quoi",
            "Dit ce qu'elles font",
            bool(actions),
            f"Vous dites ce que font les personnes, avec {_quoted(actions)}."
            if actions
            else "Nous n'avons pas repéré de verbe d'action (tend, range, distribue…). Dites ce "
            "que font les personnes. Ce repérage est simple : s'il a manqué votre verbe, "
            "gardez votre phrase.",
        ),
        _length_check(len(words), characters),
        _check(
            "sobre",
            "Sans hashtag, lien ni émoji",
            not extras,
            "Pas de hashtag, de mention, de lien ni d'émoji : parfait."
            if not extras
            else f"Retirez : {', '.join(extras)}. Ils ont leur place dans le texte de la "
            "publication, pas dans la description de l'image.",
        ),
    ]
    passed = sum(1 for check in checks if check["ok"])
    return {
        "text": cleaned,
        "words": len(words),
        "characters": characters,
        "checks": checks,
        "passed": passed,
        "total": len(checks),
        "ok": passed == len(checks),
        "verdict": (
            "Votre description respecte les cinq règles : elle peut accompagner la photo."
            if passed == len(checks)
            else f"Règles respectées : {passed} sur {len(checks)}. Retravaillez les points "
            "signalés, puis vérifiez à nouveau."
        ),
    }


def _length_check(words: int, characters: int) -> dict[str, Any]:
    if words < MIN_WORDS:
        return _check(
            "longueur",
            "Une longueur qui convient",
            False,
            f"Trop court : {_count(words, 'mot')}. En moins de {MIN_WORDS} mots, on ne peut guère dire "
            "qui fait quoi.",
        )
    if characters > MAX_CHARACTERS:
        return _check(
            "longueur",
            "Une longueur qui convient",
            False,
            f"Trop long : {characters} caractères. Au-delà d'environ {MAX_CHARACTERS}, la "
            "description devient longue à écouter : gardez une ou deux phrases et mettez les "
            "détails dans le texte de la publication.",
        )
    return _check(
        "longueur",
        "Une longueur qui convient",
        True,
        f"Bonne longueur : {words} mots, {characters} caractères.",
    )
