"""The interactive exercises a lesson can embed with ```{exercise} id```: id → French title.

The content checks (crossrefs.py) need only these ids; each exercise's logic lives in
course/exercises/ and its widgets in views/exercises/.
"""

from __future__ import annotations

# id → French title, as the lesson page shows it.
EXERCISES: dict[str, str] = {
    "composer-tweet": "Rédigez un tweet",
    "simulateur-don": "Simulez le coût réel d'un don",
    "quel-reseau": "Quel réseau pour mon association\u202f?",
    "checklist-page-facebook": "Votre page Facebook est-elle complète\u202f?",
    "reperer-hameconnage": "Repérez l'hameçonnage",
    "charte-moderation": "La charte de modération de mon association",
    "autorisation-image": "Une autorisation de droit à l'image",
    "decrire-image": "Décrivez une image",
    "taux-engagement": "Calculez et lisez un taux d'engagement",
}
