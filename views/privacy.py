"""Confidentialité: what is stored about a learner, why, for how long, and their rights."""

from __future__ import annotations

import streamlit as st

from views.kept import get_course


def privacy_page() -> None:
    """Draw the privacy notice (from reglages.yaml for who and how long)."""
    course = get_course()
    st.title("Confidentialité")
    data = course.settings.data if course.settings else None
    controller = data.controller if data else "l'organisateur de la formation"
    months = f"{data.retention_months}\u00a0mois" if data else "la durée fixée par l'organisateur"
    st.markdown(
        f"""
**Qui est responsable\u202f?** {controller}. Pour toute question sur vos données\u202f: {data.contact if data else controller}.

**Ce qui est enregistré**, et seulement si vous commencez un parcours\u202f:

- le nom que vous donnez pour l'attestation et, si vous la donnez, votre adresse e-mail\u202f;
- les modules ouverts ou terminés et le temps passé sur chacun\u202f;
- vos réponses aux quiz et aux exercices, et vos scores\u202f;
- votre attestation, son code de vérification et son fichier PDF.

Votre code personnel n'est pas enregistré en clair\u202f: seule une empreinte chiffrée avec une clé
gardée hors de la base permet de le reconnaître. Pour freiner les essais au hasard, chaque code
ou mot de passe essayé laisse une empreinte chiffrée de l'adresse de la connexion (jamais
l'adresse elle-même), effacée un quart d'heure après l'essai\u202f; chaque inscription en laisse une,
effacée au bout d'une heure. L'effacement a lieu au plus tard 10\u00a0minutes après ce délai
tant que le cours est consulté, ou à son prochain démarrage.

**Pourquoi\u202f?** Pour suivre votre progression, vous permettre de reprendre sur un autre appareil,
établir votre attestation et permettre à d'autres de la vérifier.

**Votre code et la barre d'adresse.** Votre code personnel n'apparaît jamais dans l'adresse des
pages\u202f: seule la session de votre navigateur le garde, jusqu'à ce que vous fermiez l'onglet
ou choisissiez «\u00a0Quitter mon parcours sur cet appareil\u00a0». Un lien de reprise l'y met un
instant\u202f: il en est retiré aussitôt, et rien n'est rattaché à votre parcours avant que vous
ayez répondu «\u00a0C'est moi\u00a0».

**Combien de temps\u202f?** Un parcours sans activité pendant {months} est effacé automatiquement.

**Vos droits.** Dans «\u00a0Mon parcours\u00a0», vous pouvez télécharger toutes vos données et effacer
votre parcours à tout moment. Rien n'est transmis à des tiers\u202f: pas de publicité, pas de
mesure d'audience, pas de police ni d'image chargées depuis un autre site.

**Vérification d'une attestation.** Une personne qui a le code de vérification voit votre nom,
le titre de la formation, la date et le score, et rien d'autre.
"""
    )
