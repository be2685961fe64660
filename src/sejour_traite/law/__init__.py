"""The law as code: facts at a date -> a determination, explained and cited.

Framework-free: this package imports no web framework, no database and no other package
of the project (an import-linter contract enforces it).
"""

from sejour_traite.law.errors import DataError, FactsError, LawError
from sejour_traite.law.evaluation import Determination, evaluate
from sejour_traite.law.facts import validate

__all__ = ["DataError", "Determination", "FactsError", "LawError", "evaluate", "validate"]
