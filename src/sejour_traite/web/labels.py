"""Labels of the case file's enumerations, through gettext.

``dossiers.models`` labels its choices in French (the reference, and the French of the
audit trail and the official documents). The back office shows them in the active language:
the same French texts are marked here as message ids (tests/web/test_i18n.py checks that
they stay equal to the models' labels).
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from sejour_traite.dossiers.models import DeadlineKind, DocumentKind, EstablishedBy, State

STATE_LABELS = {
    State.REFERRAL_RECEIVED: _("Signalement reçu"),
    State.REFLECTION: _("Délai de réflexion (récépissé délivré)"),
    State.REFLECTION_INTERRUPTED: _("Délai de réflexion interrompu"),
    State.APPLICATION_FILED: _("Demande déposée (récépissé d'instruction)"),
    State.UNDER_INSTRUCTION: _("En instruction"),
    State.CST_GRANTED: _("Carte de séjour temporaire délivrée"),
    State.CST_REFUSED: _("Carte de séjour temporaire refusée"),
    State.CARTE_RESIDENT: _("Carte de résident délivrée"),
    State.WITHDRAWN: _("Titre retiré"),
    State.OTHER_BASIS: _("Examen sur un autre fondement"),
    State.APS_GRANTED: _("APS parcours de sortie délivrée"),
    State.MINOR_AWAITING_MAJORITY: _("Mineur : examen à la majorité"),
    State.CLOSED: _("Clos"),
}
ESTABLISHED_BY_LABELS = {
    EstablishedBy.POLICE: _("Police ou gendarmerie"),
    EstablishedBy.JUSTICE: _("Justice"),
    EstablishedBy.PREFECTURE: pgettext_lazy("qui établit un fait", "Préfecture"),
    EstablishedBy.VICTIM: _("Personne ou association"),
    EstablishedBy.OFII: _("OFII"),
}
DOCUMENT_LABELS = {
    DocumentKind.REFLECTION_RECEPISSE: _("Récépissé de délai de réflexion"),
    DocumentKind.INSTRUCTION_RECEPISSE: _("Récépissé d'instruction"),
    DocumentKind.CST: pgettext_lazy("document délivré", "Carte de séjour temporaire"),
    DocumentKind.APS: _("Autorisation provisoire de séjour"),
    DocumentKind.CARTE_RESIDENT: pgettext_lazy("document délivré", "Carte de résident"),
}
DEADLINE_LABELS = {
    DeadlineKind.REFLECTION_END: _("Fin du délai de réflexion"),
    DeadlineKind.DOCUMENT_EXPIRY: _("Expiration du document"),
    DeadlineKind.RENEWAL_WINDOW_OPENS: _("Ouverture de la fenêtre de renouvellement"),
    DeadlineKind.RENEWAL_WINDOW_CLOSES: _("Fin de la fenêtre de renouvellement"),
    DeadlineKind.IMPLICIT_REJECTION: _("Silence de quatre mois (rejet implicite)"),
    DeadlineKind.MAJORITY_FILING: _("Dépôt au plus tard deux mois après 18 ans"),
}
#: Every map above with its enumeration (the test compares them with the models).
ENUMERATIONS = (
    (State, STATE_LABELS),
    (EstablishedBy, ESTABLISHED_BY_LABELS),
    (DocumentKind, DOCUMENT_LABELS),
    (DeadlineKind, DEADLINE_LABELS),
)


def label(enumeration: type, value: str) -> str:
    """The label of ``value`` of one of the enumerations above, in the active language."""
    for known, labels in ENUMERATIONS:
        if known is enumeration and value in known.values:
            return str(labels.get(known(value)) or known(value).label)
    return value
