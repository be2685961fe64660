"""Finding a dossier by its number, a name or a foreigner number, without decrypting rows.

Names and foreigner numbers are encrypted: a query is compared through the keyed blind
indexes of ``Person`` (case, accents and hyphens ignored), under every configured key (a key
rotation may be under way). The persons are looked up first, through the indexes of their
own table, then their dossiers in the prefecture: two index scans instead of an OR across a
join, which would read every dossier of the prefecture (a name shared by more than
``LIST_LIMIT`` persons is joined instead).
"""

from __future__ import annotations

import re
from typing import Any

from django.db.models import Q, QuerySet

from sejour_traite.dossiers.encryption import blind_indexes, blind_indexes_of, normalise
from sejour_traite.dossiers.models import Dossier, Person

#: A dossier number or part of one (« 75-2026-00012 », « 00012 »).
NUMBER = re.compile(r"[0-9][0-9-]*")
#: Up to this many matching persons, their ids are listed (index scans on the dossiers);
#: beyond, the dossiers are joined to the persons' query.
LIST_LIMIT = 1000


def find_dossiers(prefecture_id: int | None, query: str) -> QuerySet[Dossier]:
    """Dossiers of the prefecture whose number, last name, first names and last name (in any
    order) or foreigner number match ``query``, newest first. Nothing without a prefecture."""
    words = normalise(query).split()
    if prefecture_id is None or not words:
        return Dossier.objects.none()
    text = query.strip()
    single = blind_indexes(" ".join(words))
    persons = Q(last_name_index__in=single) | Q(foreigner_number_index__in=single)
    if len(words) > 1:
        # "Amina Okafor" and "Okafor Amina": every rotation of the words, as a full name.
        rotations = blind_indexes_of(" ".join(words[i:] + words[:i]) for i in range(len(words)))
        persons |= Q(full_name_index__in=rotations)
    matching = Person.objects.filter(persons).values_list("pk", flat=True)
    person_ids: Any = list(matching[: LIST_LIMIT + 1])
    if len(person_ids) > LIST_LIMIT:  # a very common name: let the database join
        person_ids = matching
    condition = Q(person_id__in=person_ids) | Q(number=text.upper())
    if NUMBER.fullmatch(text):
        condition |= Q(number__contains=text)
    return (
        Dossier.objects.filter(prefecture_id=prefecture_id)
        .filter(condition)
        .order_by("-created_at", "-id")
    )
