from tests.dossiers.conftest import dossier, lyon, paris, users  # noqa: F401  (fixtures)
