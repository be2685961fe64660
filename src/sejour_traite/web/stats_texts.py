"""The French texts of the statistics (``stats.queries``), shown in the active language.

``stats`` computes its tables with French titles and labels: they are also those of the CSV
and XLSX exports, which stay French. The statistics page shows them through gettext; their
message ids are marked here (tests/web/test_i18n.py checks that every text of the tables is
one of them, so that a new label of ``stats`` cannot go untranslated unnoticed).
Nationalities are named from their ISO code, in the active language.
"""

from __future__ import annotations

from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_noop as _

from sejour_traite.stats.queries import ProcessingTime, Row, Table
from sejour_traite.web.forms_police import country_names
from sejour_traite.web.i18n import REFERENCE

TEXTS = (
    # tables: titles, row headers, columns, notes
    _("Dossiers par état"),
    _("État"),
    _("Dossiers"),
    _("Décisions et actes par type et par année"),
    _("Acte"),
    _("Année de la date de l'acte. Ces comptes sont conservés après la purge des dossiers."),
    _("Dossiers par nationalité"),
    _("Nationalité"),
    _("Dossiers dont les données personnelles n'ont pas été purgées."),
    _("Dossiers par catégorie d'infraction"),
    _("Catégorie d'infraction"),
    _("D'après les infractions de la plainte et du témoignage ; dossiers non purgés."),
    # acts
    _("Délivrance du récépissé de délai de réflexion"),
    _("Interruption du délai de réflexion"),
    _("Dépôt d'une première demande de carte de séjour"),
    _("Dépôt d'une demande de renouvellement"),
    _("Mise en instruction"),
    _("Délivrance de la carte de séjour temporaire"),
    _("Refus de la carte de séjour temporaire"),
    _("Renouvellement de la carte de séjour temporaire"),
    _("Refus de renouvellement"),
    _("Délivrance de la carte de résident"),
    _("Retrait de la carte de séjour temporaire"),
    _("Examen sur un autre fondement"),
    _("Délivrance de l'APS (parcours de sortie de la prostitution)"),
    _("Mineur : examen reporté à la majorité"),
    _("Clôture du dossier"),
    _("Réouverture du dossier"),
    # applications (processing times)
    _("Toutes les demandes"),
    _("Première demande de carte de séjour temporaire"),
    _("Demande de renouvellement"),
    # offences
    _("Traite des êtres humains (C. pén. art. 225-4-1 à 225-4-6)"),
    _("Proxénétisme (C. pén. art. 225-5 à 225-10)"),
    _("Traite et proxénétisme"),
    _("Autres infractions seulement"),
    _("Non renseigné (ni plainte ni témoignage précisant les infractions)"),
    # nationalities
    _("Autres nationalités (moins de 5 dossiers chacune)"),
    _("Nationalité non renseignée"),
    _("Apatride"),
    # a median or percentile not disclosed (« non communiqué »)
    _("n.c."),
)


def text(french: str) -> str:
    """A French text of ``stats`` in the active language (itself when not marked above)."""
    return gettext(french) if french else french


def row_label(table: Table, row: Row) -> str:
    """The label of a row: a nationality by its code, any other row by its French text."""
    if table.key == "nationalities" and get_language() != REFERENCE:
        name = country_names().get(row.key)
        if name is not None:
            return name
    return text(row.label)


def processing_label(time: ProcessingTime) -> str:
    """The label of a kind of application (processing times)."""
    return text(time.label)
