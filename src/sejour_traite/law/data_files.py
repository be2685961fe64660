"""Reading the law's own data files (YAML shipped inside the package)."""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import yaml

from sejour_traite.law.errors import DataError

PACKAGE = "sejour_traite.law"


@cache
def load(relative: str) -> Any:
    """Parsed content of ``data/<relative>``; ``DataError`` names the file when it is invalid."""
    resource = resources.files(PACKAGE).joinpath("data", *relative.split("/"))
    try:
        text = resource.read_text(encoding="utf-8")
    except FileNotFoundError as error:
        msg = f"data/{relative}: file not found"
        raise DataError(msg) from error
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as error:
        msg = f"data/{relative}: invalid YAML: {error}"
        raise DataError(msg) from error


def list_dir(relative: str) -> list[str]:
    """Names of the YAML files of ``data/<relative>``, sorted."""
    folder = resources.files(PACKAGE).joinpath("data", *relative.split("/"))
    return sorted(
        entry.name for entry in folder.iterdir() if entry.name.endswith((".yaml", ".yml"))
    )
